"""The editors' admin for articles, quotes and corrections."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.db.models import Count, Q
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from articles import previews, revisions
from articles import suggestions as assist
from articles.anchoring import find_anchor, normalize_body, normalize_quote
from articles.bundles import MAX_BODY_CHARS
from articles.corrections import correction_added
from articles.models import Article, Correction, Mention, PreviewLink, Quote, can_publish
from entities import addresses
from entities.changes import PublicContentAdmin, announce
from entities.history import ReadableHistory, RevertNeedsChangePermission

ACCEPT_ALL_DEFAULT = 0.8

PREVIEW_LINK_PERMISSION = "articles.add_previewlink"
REVOKE_PREVIEW_PERMISSION = "articles.change_previewlink"
PREVIEW_LINKS_SHOWN = 20


class ArticleAdminForm(forms.ModelForm):
    """Reporters may write and submit for review; only editors publish or schedule."""

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "dek",
            "body",
            "tags",
            "byline",
            "outlet",
            "dateline",
            "original_url",
            "external_id",
            "status",
            "publish_at",
            "updated_at",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 24, "cols": 90, "class": "vLargeTextField"})
        }

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version
        if user is not None and not can_publish(user) and "status" in self.fields:
            # Offer reporters only what they may choose; `clean_status` still refuses a
            # crafted "published" with a message saying why.
            status = self.fields["status"]
            status.widget.choices = [
                (value, label)
                for value, label in status.choices
                if value != Article.Status.PUBLISHED
            ]
            status.help_text = (
                "Set it to “In review” when the article is ready: an editor publishes it."
            )
            if "publish_at" in self.fields:
                self.fields["publish_at"].help_text = "Set by the editor who publishes the article."

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        current = Article.objects.filter(pk=self.instance.pk).first()
        if (
            current is not None
            and current.status == Article.Status.PUBLISHED
            and cleaned.get("status") == Article.Status.PUBLISHED
            and "publish_at" in self.fields
            and cleaned.get("publish_at") is None
        ):
            # A published article whose time is cleared keeps it (and so its address);
            # empty means now only when the article is being published.
            cleaned["publish_at"] = current.publish_at
        base = cleaned.get("base_version")
        if current is not None and base is not None and current.version != base:
            differs = [
                f"{Article._meta.get_field(name).verbose_name} (saved: “{getattr(current, name)}”)"
                for name in self.changed_data
                if name not in {"tags", "body", "base_version"}
            ]
            if "body" in self.changed_data:
                differs.append("body (differs from the saved text)")
            # Saving again after reading this keeps the user's text over the other edit.
            self.data = self.data.copy()
            self.data[self.add_prefix("base_version")] = str(current.version)
            raise forms.ValidationError(
                "Someone else saved this article after you opened it. Nothing you typed is "
                "lost: it is still in the form below. Where yours differs from the saved "
                "version: " + ("; ".join(differs) or "nothing") + ". Save again to keep yours.",
                code="edit_conflict",
            )
        return cleaned

    def _time_as_saved(self, name):
        # The form shows whole seconds: a time sent back as shown is left as saved, so
        # saving the form unchanged does not record a change of it.
        typed, initial = self.cleaned_data[name], self.initial.get(name)
        if typed is not None and initial is not None and typed == initial.replace(microsecond=0):
            return initial
        return typed

    def clean_publish_at(self):
        return self._time_as_saved("publish_at")

    def clean_updated_at(self):
        return self._time_as_saved("updated_at")

    def update_time_typed(self):
        """True when the editor changed the update time."""
        return self.cleaned_data.get("updated_at") != self.initial.get("updated_at")

    def save(self, commit=True):
        if self.instance.pk:
            self.instance.version = (self.cleaned_data.get("base_version") or 0) + 1
        return super().save(commit)

    def clean_body(self):
        body = self.cleaned_data["body"]
        if len(body) > MAX_BODY_CHARS:
            raise forms.ValidationError(
                f"The body has {len(body):,} characters; an article may have at most "
                f"{MAX_BODY_CHARS:,}. Split it into several articles.",
                code="max_length",
            )
        return body

    def clean_status(self):
        status = self.cleaned_data["status"]
        if (
            status == Article.Status.PUBLISHED
            and self.user is not None
            and not can_publish(self.user)
        ):
            raise forms.ValidationError(
                "Only editors can publish or schedule. Set the status to “In review” "
                "and an editor will publish it."
            )
        return status


class StateFilter(admin.SimpleListFilter):
    """Where an article stands, as the newsroom says it; "In review" is the editors' queue."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "In review"),
            ("scheduled", "Scheduled"),
            ("published", "Published (public)"),
            ("trash", "In trash"),
        ]

    def queryset(self, request, queryset):
        return {
            "draft": lambda: queryset.alive().filter(status=Article.Status.DRAFT),
            "review": queryset.in_review,
            "scheduled": queryset.scheduled,
            "published": queryset.published,
            "trash": lambda: queryset.filter(deleted_at__isnull=False),
        }.get(self.value(), lambda: queryset)()


class PreviewLinkForm(forms.Form):
    days = forms.IntegerField(
        label="valid for (days)",
        min_value=1,
        max_value=previews.MAX_LIFETIME_DAYS,
        initial=previews.DEFAULT_LIFETIME_DAYS,
    )


def preview_address(link):
    """The preview's address on the host the editor is using (`SITE_URL` outside a request)."""
    return addresses.absolute(link.get_absolute_url())


def _split(value):
    return [part.strip() for part in value.split(";") if part.strip()]


class SuggestionForm(forms.Form):
    """One editor decision on the suggestions panel."""

    op = forms.ChoiceField(
        choices=[
            ("accept_quote", "accept quote"),
            ("reject_quote", "reject quote"),
            ("accept_all", "accept all"),
            ("accept_mention", "accept mention"),
            ("reject_mention", "reject mention"),
        ]
    )
    signature = forms.CharField(max_length=64, required=False)
    text = forms.CharField(required=False, strip=False)
    start = forms.IntegerField(min_value=0, required=False)
    end = forms.IntegerField(min_value=1, required=False)
    kind = forms.ChoiceField(choices=Quote.Kind.choices, required=False)
    speaker = forms.CharField(max_length=200, required=False)
    speaker_named = forms.BooleanField(required=False)
    speaker_title = forms.CharField(max_length=200, required=False)
    sectors = forms.CharField(required=False)
    events = forms.CharField(required=False)
    entity_type = forms.ChoiceField(choices=[(k, k) for k in assist.ENTITY_MODELS], required=False)
    threshold = forms.FloatField(min_value=0, max_value=1, required=False)

    def clean(self):
        cleaned = super().clean()
        op = cleaned.get("op")
        required = {
            "accept_quote": ["text", "start", "end", "kind"],
            "accept_all": ["threshold"],
            "accept_mention": ["speaker", "entity_type"],
            "reject_quote": ["signature"],
            "reject_mention": ["speaker", "entity_type"],
        }.get(op, [])
        for name in required:
            if cleaned.get(name) in (None, ""):
                self.add_error(name, "This field is required for this decision.")
        if op == "accept_quote" and not cleaned.get("speaker_named") and not cleaned.get("speaker"):
            cleaned["speaker"] = "unnamed source"
        return cleaned


class QuoteInlineForm(forms.ModelForm):
    """Editors paste the quote's words; the offsets are computed from the body."""

    class Meta:
        model = Quote
        fields = [
            "text",
            "kind",
            "speaker",
            "unnamed_speaker",
            "speaker_title",
            "sectors",
            "events",
            "said_on",
            "is_key",
            "needs_review",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "cols": 60})}

    loaded_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_at"].initial = self.instance.updated_at.isoformat()

    def _check_conflict(self):
        """Tell the second editor when the quote was saved by someone else meanwhile."""
        loaded = self.cleaned_data.get("loaded_at")
        if not (self.instance.pk and loaded):
            return
        saved = Quote.objects.filter(pk=self.instance.pk).first()
        if saved is None or saved.updated_at.isoformat() == loaded:
            return
        # Saving again after reading this keeps what this editor typed.
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_at")] = saved.updated_at.isoformat()
        raise forms.ValidationError(
            "Someone else changed this quote after you opened the page. Your version is "
            f"still in the form; the saved one reads “{saved.text}” by "
            f"{saved.speaker_label or 'no speaker'}. Save again to keep yours.",
            code="edit_conflict",
        )

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get("DELETE"):
            return cleaned
        self._check_conflict()
        if not cleaned.get("speaker") and not cleaned.get("unnamed_speaker", "").strip():
            self.add_error(
                "speaker",
                "Choose the speaker, or describe an unnamed source (“a senior official”).",
            )
        text = normalize_quote(cleaned.get("text") or "")
        if not text:
            return cleaned
        body = getattr(self, "parent_body", None)
        if body is None:
            article = cleaned.get("article") or (
                self.instance.article if self.instance.article_id else None
            )
            body = article.body if article else ""
        body = normalize_body(body)
        unchanged = self.instance.pk and "text" not in self.changed_data
        if unchanged and not self.instance.needs_review:
            return cleaned
        anchor = find_anchor(
            body,
            text,
            near=self.instance.start,
            prefix=self.instance.prefix,
            suffix=self.instance.suffix,
        )
        if anchor is None:
            self.add_error(
                "text",
                "These words are not in the article's body. Paste them exactly as they appear.",
            )
            return cleaned
        cleaned["text"] = text
        self.instance.set_anchor(anchor)
        if "needs_review" not in self.changed_data:
            cleaned["needs_review"] = False
            self.instance.review_note = ""
        return cleaned


class RevertQuoteForm(QuoteInlineForm):
    def _check_conflict(self):
        """Restoring a version replaces whatever was saved since, by design."""


class QuoteInlineFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, parent_body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent_body = parent_body

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.parent_body = self.parent_body
        return form


class QuoteInline(admin.StackedInline):
    model = Quote
    form = QuoteInlineForm
    formset = QuoteInlineFormSet
    extra = 0
    autocomplete_fields = ["speaker", "sectors", "events"]
    show_change_link = True
    fieldsets = [
        (None, {"fields": ["text", ("kind", "is_key", "needs_review"), "loaded_at"]}),
        ("Speaker", {"fields": [("speaker", "unnamed_speaker"), ("speaker_title", "said_on")]}),
        ("About", {"fields": ["sectors", "events"]}),
    ]

    def get_formset(self, request, obj=None, **kwargs):
        formset_class = super().get_formset(request, obj, **kwargs)
        body = request.POST.get("body") if request.method == "POST" else None

        class BoundFormSet(formset_class):
            def __init__(self, *args, **kw):
                super().__init__(*args, parent_body=body, **kw)

        return BoundFormSet


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    fields = ["role", "person", "organization", "sector", "event", "country", "aliases"]
    autocomplete_fields = ["person", "organization", "sector", "event", "country"]


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "text", "created_at"]


@admin.register(Article)
class ArticleAdmin(ReadableHistory, PublicContentAdmin, SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = [
        "headline",
        "state",
        "publish_at",
        "outlet",
        "quote_count",
        "quotes_to_review",
        "updated_at",
    ]
    list_filter = [StateFilter, "outlet", ("deleted_at", admin.EmptyFieldListFilter), "tags"]
    search_fields = ["headline", "dek", "body", "byline", "external_id"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    inlines = [QuoteInline, MentionInline, CorrectionInline]
    actions = ["publish_now", "unpublish", "restore_from_trash", "empty_from_trash"]
    readonly_fields = ["created_at", "uid"]
    object_history_form_template = "admin/articles/article/object_history_form.html"
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body", "tags"]}),
        ("Source", {"fields": [("byline", "outlet"), ("dateline", "original_url"), "external_id"]}),
        ("Publishing", {"fields": [("status", "publish_at"), "updated_at", "base_version"]}),
        ("Record", {"fields": [("created_at", "uid")], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_quotes=Count("quotes", distinct=True),
                n_review=Count("quotes", filter=Q(quotes__needs_review=True), distinct=True),
            )
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class UserBoundForm(form_class):
            def __init__(self, *args, **kw):
                super().__init__(*args, user=request.user, **kw)

        return UserBoundForm

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.status == Article.Status.PUBLISHED:
            # A published article is the newsroom's word: only editors change it.
            return can_publish(request.user)
        return allowed

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def get_urls(self):
        return [
            path(
                "<int:pk>/suggestions/",
                self.admin_site.admin_view(self.suggestions_view),
                name="articles_article_suggestions",
            ),
            path(
                "<int:pk>/preview-links/",
                self.admin_site.admin_view(self.create_preview_link_view),
                name="articles_article_preview_link",
            ),
            path(
                "<int:pk>/preview-links/<int:link_pk>/revoke/",
                self.admin_site.admin_view(self.revoke_preview_link_view),
                name="articles_article_revoke_preview_link",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        article = self.get_object(request, object_id)
        if article is not None and self.has_change_permission(request, article):
            extra_context["suggestions"] = assist.suggestions_for(article)
            extra_context["suggestions_url"] = reverse(
                "admin:articles_article_suggestions", args=[article.pk]
            )
            extra_context["accept_all_default"] = ACCEPT_ALL_DEFAULT
        if article is not None and request.user.has_perm(PREVIEW_LINK_PERMISSION):
            extra_context["preview_links"] = [
                (link, preview_address(link))
                for link in article.preview_links.select_related("created_by", "article")[
                    :PREVIEW_LINKS_SHOWN
                ]
            ]
            extra_context["preview_link_form"] = PreviewLinkForm()
            extra_context["preview_link_url"] = reverse(
                "admin:articles_article_preview_link", args=[article.pk]
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def create_preview_link_view(self, request, pk):
        """Create a preview link for a draft; the address is shown to copy."""
        article = get_object_or_404(Article.objects.alive(), pk=pk)
        change_url = reverse("admin:articles_article_change", args=[pk])
        if request.method != "POST":
            return redirect(change_url)
        if not request.user.has_perm(PREVIEW_LINK_PERMISSION):
            raise PermissionDenied
        form = PreviewLinkForm(request.POST)
        if not form.is_valid():
            self.message_user(
                request,
                f"Preview link not created: valid for (days): {form.errors['days'][0]}",
                messages.ERROR,
            )
        elif article.is_public:
            self.message_user(
                request,
                "This article is already public: share its address instead of a preview link.",
                messages.WARNING,
            )
        else:
            link = previews.create_preview_link(
                article, user=request.user, days=form.cleaned_data["days"]
            )
            until = timezone.localtime(link.expires_at)
            self.message_user(
                request,
                f"Preview link created, valid until {until:%Y-%m-%d %H:%M}. Copy it: "
                f"{preview_address(link)}",
                messages.SUCCESS,
            )
        return redirect(change_url + "#preview-links")

    def revoke_preview_link_view(self, request, pk, link_pk):
        link = get_object_or_404(PreviewLink, pk=link_pk, article_id=pk)
        if request.method != "POST":
            return redirect(reverse("admin:articles_article_change", args=[pk]))
        if not request.user.has_perm(REVOKE_PREVIEW_PERMISSION):
            raise PermissionDenied
        previews.revoke(PreviewLink.objects.filter(pk=link.pk))
        self.message_user(request, "Preview link revoked; it now opens nothing.", messages.SUCCESS)
        return redirect(reverse("admin:articles_article_change", args=[pk]) + "#preview-links")

    def _may_restore(self, request, version):
        """Restoring needs the right to change both the current article and the version."""
        current = Article.objects.filter(pk=version.pk).first()
        if current is None:
            return self.has_add_permission(request) and self.has_change_permission(request, version)
        return self.has_change_permission(request, current) and self.has_change_permission(
            request, version
        )

    def revert_disabled(self, request, obj=None):
        if obj is not None and not self._may_restore(request, obj):
            return True
        return super().revert_disabled(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """An earlier version; its Restore button brings it back with its quotes."""
        object_id, version_id = unquote(object_id), unquote(version_id)
        if not (object_id.isdigit() and version_id.isdigit()):
            raise Http404("No such version.")
        record = get_object_or_404(Article.history.model, id=object_id, history_id=version_id)
        if request.method == "POST":
            if not self._may_restore(request, record.instance):
                raise PermissionDenied
            try:
                result = revisions.restore_article(record, request.user)
            except IntegrityError:
                self.message_user(
                    request,
                    "This version cannot be restored as it is: another article now has the "
                    "same slug and publish time. Change that article's slug, then restore.",
                    messages.ERROR,
                )
                return redirect(request.path)
            self.log_change(request, result.article, result.summary())
            self.message_user(request, result.summary(), messages.SUCCESS)
            return redirect(reverse("admin:articles_article_change", args=[result.article.pk]))
        extra_context = {
            **(extra_context or {}),
            "version_quotes": revisions.quote_records_as_of(record.id, record),
        }
        return super().history_form_view(request, object_id, version_id, extra_context)

    def suggestions_view(self, request, pk):
        """Accept, edit-and-accept or reject one proposal, or accept all above a threshold.

        Answers with a redirect to the change page, or with JSON when the request asks for
        it (`Accept: application/json`, as the panel's script does).
        """
        article = get_object_or_404(Article, pk=pk)
        if request.method != "POST":
            return redirect(reverse("admin:articles_article_change", args=[pk]))
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        wants_json = "application/json" in request.headers.get("Accept", "")
        form = SuggestionForm(request.POST)
        if not form.is_valid():
            message = "Bad suggestion: " + "; ".join(f"{k}: {v[0]}" for k, v in form.errors.items())
            if wants_json:
                return JsonResponse({"ok": False, "message": message}, status=400)
            return HttpResponseBadRequest(message)
        data = form.cleaned_data
        op = data["op"]
        result = {"ok": True, "op": op}
        level = messages.INFO
        try:
            if op == "accept_quote":
                quote = assist.accept_quote(
                    article,
                    text=data["text"],
                    start=data["start"],
                    end=data["end"],
                    kind=data["kind"],
                    speaker=data["speaker"],
                    speaker_named=data["speaker_named"],
                    speaker_title=data["speaker_title"],
                    sectors=_split(data["sectors"]),
                    events=_split(data["events"]),
                )
                message, level = f"Quote accepted: {quote}", messages.SUCCESS
                result["quote"] = {"id": quote.pk, "text": quote.text, "speaker": str(quote)}
            elif op == "accept_all":
                accepted = self._accept_all(article, data["threshold"])
                message, level = f"{len(accepted)} quote(s) accepted.", messages.SUCCESS
                result["accepted"] = accepted
            elif op == "accept_mention":
                assist.accept_mention(
                    article, name=data["speaker"], kind=data["entity_type"], aliases=()
                )
                message, level = f"Mention added: {data['speaker']}", messages.SUCCESS
            elif op == "reject_mention":
                assist.reject(
                    article,
                    kind="mention",
                    signature=assist.mention_signature(data["entity_type"], data["speaker"]),
                    text=data["speaker"],
                    user=request.user,
                )
                message = "Suggestion rejected; it will not come back."
            else:
                assist.reject(
                    article,
                    kind="quote",
                    signature=data["signature"],
                    text=data["text"],
                    user=request.user,
                )
                message = "Suggestion rejected; it will not come back."
        except ValueError as exc:
            message, level = str(exc), messages.ERROR
            result = {"ok": False, "op": op}
        announce(article)
        if wants_json:
            return JsonResponse({**result, "message": message}, status=200 if result["ok"] else 409)
        self.message_user(request, message, level)
        return redirect(reverse("admin:articles_article_change", args=[pk]) + "#suggestions")

    def _accept_all(self, article, threshold):
        """Accept every proposed quote at or above `threshold`; their signatures."""
        accepted = []
        for suggestion in assist.suggestions_for(article).quotes:
            p = suggestion.proposal
            if p.confidence < threshold:
                continue
            assist.accept_quote(
                article,
                text=p.text,
                start=p.start,
                end=p.end,
                kind=p.kind,
                speaker=p.speaker,
                speaker_named=p.speaker_named,
                speaker_title=p.speaker_title,
                sectors=p.sectors,
                events=p.events,
            )
            accepted.append(suggestion.signature)
        return accepted

    @admin.display(description="state", ordering="status")
    def state(self, obj):
        return obj.state_label

    @admin.display(description="quotes", ordering="n_quotes")
    def quote_count(self, obj):
        return obj.n_quotes

    @admin.display(description="to review", ordering="n_review")
    def quotes_to_review(self, obj):
        if not obj.n_review:
            return "—"
        url = reverse("admin:articles_quote_changelist")
        return format_html(
            '<a href="{}?article__id__exact={}&needs_review__exact=1">{} to review</a>',
            url,
            obj.pk,
            obj.n_review,
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        else:
            # What the quotes said before this save: changing their words is an update.
            form.quoted_words_before = Article.objects.get(pk=obj.pk).quoted_words()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            if formset.model is Correction:
                for correction in formset.new_objects:
                    correction_added(correction)
        if change and "body" in form.changed_data:
            flagged = form.instance.reanchor_quotes()
            if flagged:
                messages.warning(
                    request,
                    f"{len(flagged)} quote(s) could not be found exactly in the edited body "
                    "and are flagged for review. Nothing was deleted.",
                )
        if change and not form.update_time_typed():
            # An editor who set the update time by hand keeps it.
            form.instance.note_quoted_words_changed(form.quoted_words_before)

    def delete_model(self, request, obj):
        obj.move_to_trash(by=request.user)

    def delete_queryset(self, request, queryset):
        queryset.move_to_trash(by=request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _, name, _ = actions["delete_selected"]
            actions["delete_selected"] = (
                type(self).delete_selected_to_trash,
                name,
                "Move selected articles to the trash",
            )
        return actions

    @admin.action(permissions=["delete"])
    def delete_selected_to_trash(self, request, queryset):
        count = queryset.count()
        self.delete_queryset(request, queryset)
        self.message_user(
            request,
            f"{count} article(s) moved to the trash. They left the public site; "
            "an editor can restore them (filter “In trash since”).",
            messages.SUCCESS,
        )

    @admin.action(description="Restore from the trash", permissions=["delete"])
    def restore_from_trash(self, request, queryset):
        count = queryset.restore(by=request.user)
        self.message_user(request, f"{count} article(s) restored.", messages.SUCCESS)

    @admin.action(description="Empty from the trash (delete for good)", permissions=["delete"])
    def empty_from_trash(self, request, queryset):
        trashed = queryset.filter(deleted_at__isnull=False)
        count = trashed.count()
        trashed.delete()
        self.message_user(
            request,
            f"{count} article(s) deleted for good. Articles not in the trash were left alone.",
            messages.SUCCESS,
        )

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        count = queryset.publish(by=request.user)
        self.message_user(request, f"{count} article(s) published.", messages.SUCCESS)

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        count = queryset.unpublish(by=request.user)
        self.message_user(request, f"{count} article(s) moved back to draft.", messages.SUCCESS)


@admin.register(Quote)
class QuoteAdmin(
    ReadableHistory, RevertNeedsChangePermission, PublicContentAdmin, SimpleHistoryAdmin
):
    list_display = ["__str__", "kind", "speaker", "article", "needs_review", "is_key"]
    list_filter = ["needs_review", "kind", "is_key", "sectors"]
    list_select_related = ["speaker", "article"]
    search_fields = ["text", "speaker__name", "unnamed_speaker", "article__headline"]
    autocomplete_fields = ["speaker", "sectors", "events", "article", "first_appearance"]
    readonly_fields = ["start", "end", "review_note", "uid"]
    fieldsets = [
        (None, {"fields": ["article", "text", ("kind", "is_key"), ("start", "end")]}),
        ("Speaker", {"fields": [("speaker", "unnamed_speaker"), ("speaker_title", "said_on")]}),
        ("About", {"fields": ["sectors", "events", "tags", "first_appearance"]}),
        ("Review", {"fields": ["needs_review", "review_note"]}),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The inline's anchoring form, with every field the fieldsets show (article, tags...).
        # Restoring an earlier version from the history overwrites on purpose: no conflict.
        reverting = request.resolver_match and request.resolver_match.url_name.endswith(
            "_simple_history"
        )
        kwargs["form"] = RevertQuoteForm if reverting else QuoteInlineForm
        return super().get_form(request, obj, change=change, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article" and not can_publish(request.user):
            # A quote is part of its article: only editors add one to a published article.
            kwargs["queryset"] = Article.objects.exclude(status=Article.Status.PUBLISHED)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.article.status == Article.Status.PUBLISHED:
            return can_publish(request.user)
        return allowed

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if allowed and obj is not None and obj.article.status == Article.Status.PUBLISHED:
            return can_publish(request.user)
        return allowed


@admin.register(Correction)
class CorrectionAdmin(
    ReadableHistory, RevertNeedsChangePermission, PublicContentAdmin, SimpleHistoryAdmin
):
    list_display = ["article", "kind", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["article"]
    search_fields = ["text", "article__headline"]
    autocomplete_fields = ["article"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            correction_added(obj)


@admin.register(PreviewLink)
class PreviewLinkAdmin(admin.ModelAdmin):
    """Every preview link; links are created from the article's page."""

    list_display = ["article", "state", "created_by", "created_at", "expires_at", "address"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "expires_at"]
    list_select_related = ["article", "created_by"]
    search_fields = ["article__headline"]
    actions = ["revoke_links"]
    fields = ["article", "address", "state", "created_by", "created_at", "expires_at", "revoked_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="state")
    def state(self, link):
        if link.revoked_at:
            return "revoked"
        return "active" if link.is_active else "expired"

    @admin.display(description="address to copy")
    def address(self, link):
        return preview_address(link)

    @admin.action(description="Revoke the selected links", permissions=["change"])
    def revoke_links(self, request, queryset):
        count = previews.revoke(queryset)
        self.message_user(request, f"{count} preview link(s) revoked.", messages.SUCCESS)
