"""Alert pages: subscribe, confirm (double opt-in) and unsubscribe (one click)."""

from functools import partial

from axes.helpers import get_client_ip_address
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from articles.alerts import digests
from articles.public.alert_forms import FollowForm, SubscribeForm
from entities.addresses import absolute

# Subscriptions asked for, per client address and per email address, before a 429.
LIMITS = (("ip", 10, 3600), ("email", 3, 24 * 3600))


def rate_limited(kind, value, limit, seconds):
    """Count one more request for this key; True once the limit is passed."""
    key = f"alerts-rate:{kind}:{value}"
    if cache.add(key, 1, seconds):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, seconds)
        return False


def message(request, title, text, *, status=200, links=()):
    return render(
        request,
        "articles/alerts/message.html",
        {"title": title, "text": text, "links": links, "is_error": status >= 400},
        status=status,
    )


def followed(request):
    form = FollowForm(request.GET)
    if not form.is_valid():
        if "entity" in form.cleaned_data:  # a well-formed address that names nothing
            raise Http404(" ".join(form.error_text()))
        return None, message(request, "Nothing to follow", " ".join(form.error_text()), status=400)
    return form.cleaned_data["entity"], None


@never_cache
def subscribe(request):
    entity, problem = followed(request)
    if problem:
        return problem
    form = SubscribeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if form.cleaned_data["website"]:
                return redirect(f"{reverse('articles:alert-sent')}?{request.GET.urlencode()}")
            email = form.cleaned_data["email"]
            client = get_client_ip_address(request) or ""  # as the admin login throttle sees it
            for kind, limit, seconds in LIMITS:
                value = client if kind == "ip" else email.lower()
                if rate_limited(kind, value, limit, seconds):
                    return message(
                        request,
                        "Too many requests",
                        "Too many alert subscriptions were asked for from here or for this "
                        "address. Please try again later.",
                        status=429,
                    )
            subscription = digests.subscribe(email, entity)
            digests.send_confirmation(subscription, partial(absolute, request=request))
            return redirect(f"{reverse('articles:alert-sent')}?{request.GET.urlencode()}")
        status = 400
    return render(
        request,
        "articles/alerts/subscribe.html",
        {"form": form, "entity": entity, "follow_query": request.GET.urlencode()},
        status=status,
    )


@never_cache
def sent(request):
    entity, problem = followed(request)
    if problem:
        return problem
    return message(
        request,
        "Check your inbox",
        f"We sent a link to confirm your alerts about {entity.name}. Nothing is sent to "
        f"your address until you open it; it is valid for {digests.CONFIRM_MAX_AGE.days} days.",
        links=[(entity.get_absolute_url(), f"Back to {entity.name}")],
    )


def invalid_link(request):
    return message(
        request,
        "This link is not valid",
        "The link has expired or was not copied whole. You can ask for alerts again from "
        "any profile page.",
        status=400,
    )


def emailed_link(request, subscription, *, template, on_post):
    """The page an emailed link opens: the 400 page when the link is not valid, the page
    with its button (`template`), and `on_post(subscription)` once the button is pressed."""
    if subscription is None:
        return invalid_link(request)
    if request.method == "POST":
        return on_post(subscription)
    return render(request, template, {"subscription": subscription, "entity": subscription.entity})


@never_cache
def confirm(request, signed):
    def confirmed(subscription):
        digests.confirm(subscription)
        entity = subscription.entity
        return message(
            request,
            "Your alerts are on",
            f"{subscription.email} will get one email whenever new quotes or articles "
            f"about {entity.name} are published. Every email has a link to stop them.",
            links=[
                (entity.get_absolute_url(), f"Back to {entity.name}"),
                (digests.unsubscribe_path(subscription), "Stop these alerts"),
            ],
        )

    subscription = digests.from_signed(
        signed, digests.CONFIRM_SALT, max_age=digests.CONFIRM_MAX_AGE
    )
    return emailed_link(
        request, subscription, template="articles/alerts/confirm.html", on_post=confirmed
    )


@csrf_exempt  # mail clients unsubscribe with a POST of their own (RFC 8058)
@never_cache
def unsubscribe(request, signed):
    def unsubscribed(subscription):
        digests.unsubscribe(subscription)
        entity = subscription.entity
        return message(
            request,
            "You are unsubscribed",
            f"No more alerts about {entity.name} will be sent to {subscription.email}.",
            links=[(entity.get_absolute_url(), f"Back to {entity.name}")],
        )

    subscription = digests.from_signed(signed, digests.UNSUBSCRIBE_SALT)
    return emailed_link(
        request, subscription, template="articles/alerts/unsubscribe.html", on_post=unsubscribed
    )
