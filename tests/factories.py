"""Small builders for test data: plain functions with keyword-only arguments."""

import datetime
import importlib
import itertools

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, User
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Correction, Mention, Quote
from entities.models import Country, Event, Organization, Person, Sector

_seq = itertools.count(1)


def _n():
    return next(_seq)


def make_person(*, name=None, title="", aliases="", **fields):
    return Person.objects.create(
        name=name or f"Test Person {_n()}", title=title, aliases=aliases, **fields
    )


def make_organization(*, name=None, kind=Organization.Kind.COMPANY, **fields):
    return Organization.objects.create(name=name or f"Test Org {_n()}", kind=kind, **fields)


def make_country(*, name=None, iso_code="", **fields):
    return Country.objects.create(name=name or f"Country {_n()}", iso_code=iso_code, **fields)


def make_sector(*, name=None, parent=None, **fields):
    return Sector.objects.create(name=name or f"sector {_n()}", parent=parent, **fields)


def make_event(
    *,
    name=None,
    kind=Event.Kind.MEETING,
    start_date=datetime.date(2025, 3, 12),
    sectors=(),
    **fields,
):
    event = Event.objects.create(
        name=name or f"Event {_n()}", kind=kind, start_date=start_date, **fields
    )
    event.sectors.set(sectors)
    return event


def make_article(
    *,
    headline=None,
    body="Canada and the United States met on Tuesday.\n\nTalks went on.",
    published=True,
    publish_at=None,
    status=None,
    tags=(),
    **fields,
):
    if status is None:
        status = Article.Status.PUBLISHED if published else Article.Status.DRAFT
    if publish_at is None and status == Article.Status.PUBLISHED:
        publish_at = timezone.now() - datetime.timedelta(hours=1)
    article = Article.objects.create(
        headline=headline or f"Tariff talks {_n()}",
        body=body,
        status=status,
        publish_at=publish_at,
        **fields,
    )
    if tags:
        article.tags.add(*tags)
    return article


def make_quote(*, article, text, speaker=None, unnamed_speaker="", sectors=(), events=(), **fields):
    """A quote anchored at the first occurrence of `text` in the article's body."""
    start = article.body.index(text)
    if speaker is None and not unnamed_speaker:
        speaker = make_person()
    quote = Quote.objects.create(
        article=article,
        text=text,
        start=start,
        end=start + len(text),
        prefix=article.body[max(0, start - 32) : start],
        suffix=article.body[start + len(text) : start + len(text) + 32],
        speaker=speaker,
        unnamed_speaker=unnamed_speaker,
        **fields,
    )
    quote.sectors.set(sectors)
    quote.events.set(events)
    return quote


def make_mention(*, article, entity, role=Mention.Role.MENTIONS, aliases=()):
    field = type(entity)._meta.model_name
    return Mention.objects.create(
        article=article, role=role, aliases=list(aliases), **{field: entity}
    )


def make_correction(*, article, text="An earlier version misstated the tariff rate.", **fields):
    return Correction.objects.create(article=article, text=text, **fields)


def empty_article_inlines():
    """The management forms of an article admin form's inlines, each empty: what a
    browser sends for an article with no quotes, mentions or corrections shown."""
    data = {}
    for prefix in ("quotes", "mentions", "corrections"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


DRAFT_BODY = "Ministers met in Ottawa.\n\n“We are close to a deal,” the minister said."
# An update time typed in the form, and a draft signed by a sample writer.
FIXED_UPDATE = {"updated_at_0": "2025-10-21", "updated_at_1": "10:00:00"}
SIGNED = {"byline": "A. Writer", "outlet": "Sample Wire", "dateline": "OTTAWA", **FIXED_UPDATE}


def _form_time(when):
    """A datetime as the admin's split date and time inputs send it."""
    when = timezone.localtime(when)
    return f"{when:%Y-%m-%d}", f"{when:%H:%M:%S}"


def article_form(article=None, **overrides):
    """The article admin form's POST with empty inline formsets: what a browser sends for
    `article` unchanged but for `overrides`, or for a new draft of DRAFT_BODY."""
    data = {
        "headline": article.headline if article else "Ministers meet",
        "slug": article.slug if article else "ministers-meet",
        "dek": article.dek if article else "",
        "body": article.body if article else DRAFT_BODY,
        "tags": "",
        "byline": article.byline if article else "",
        "outlet": article.outlet if article else "",
        "dateline": article.dateline if article else "",
        "original_url": article.original_url if article else "",
        "external_id": (article.external_id or "") if article else "",
        "status": article.status if article else "draft",
        "publish_at_0": "",
        "publish_at_1": "",
    }
    data["updated_at_0"], data["updated_at_1"] = _form_time(
        article.updated_at if article else timezone.now()
    )
    if article is not None:
        data["base_version"] = str(article.version)
        if article.publish_at:
            data["publish_at_0"], data["publish_at_1"] = _form_time(article.publish_at)
    data.update(empty_article_inlines())
    data.update(overrides)
    return data


def ensure_roles():
    """The Reporter and Editor groups, as the migrations make them.

    Tests that commit (`transaction=True`) empty the database afterwards, groups
    included; later tests get the groups back from the migrations' own code.
    """
    if Group.objects.filter(name__in=["Reporter", "Editor"]).count() == 2:
        return
    roles = importlib.import_module("articles.migrations.0003_roles")
    previews = importlib.import_module("articles.migrations.0006_correction_uid_previewlink")
    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0)
    reporter, _ = Group.objects.get_or_create(name="Reporter")
    roles.grant(apps, reporter, roles.REPORTER)
    editor, _ = Group.objects.get_or_create(name="Editor")
    roles.grant(apps, editor, roles.REPORTER)
    roles.grant(apps, editor, roles.EDITOR_EXTRA)
    previews.grant_preview_links_to_editors(apps, None)


def make_user(*, username=None, role=None, superuser=False, password="pw-for-tests-only"):
    """A staff user in the `Reporter` or `Editor` group (role), or a superuser."""
    user = User.objects.create_user(
        username=username or f"user{_n()}",
        password=password,
        is_staff=bool(role or superuser),
        is_superuser=superuser,
    )
    if role:
        ensure_roles()
        user.groups.add(Group.objects.get(name=role))
    return user


def wipe_everything():
    """An empty newsroom: no articles, entities or tags left."""
    Article.objects.all().delete()
    for model in (Person, Organization, Event, Country):
        model.objects.all().delete()
    Sector.objects.filter(parent__isnull=False).delete()
    Sector.objects.all().delete()
    Tag.objects.all().delete()
