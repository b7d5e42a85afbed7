"""Public profiles of people, organizations, sectors, events and countries; the tracker."""

from django.http import Http404
from django.shortcuts import redirect, render

from .models import Country, Event, Organization, Person, SlugRedirect, Sector


def get_entity_or_redirect(model, slug):
    """The entity at `slug`, or a 301 to its current address if the slug is an old one."""
    entity = model.objects.filter(slug=slug).first()
    if entity is not None:
        return entity, None
    moved = SlugRedirect.target(model, slug)
    if moved is None:
        raise Http404(f"No {model._meta.verbose_name} at this address.")
    return None, redirect(moved, permanent=True)


def _entity_list(request, model):
    return render(
        request,
        "entities/entity_list.html",
        {"entities": model.objects.all(), "kind": model._meta.verbose_name_plural},
    )


def _entity_detail(request, model, slug):
    entity, moved = get_entity_or_redirect(model, slug)
    if moved:
        return moved
    return render(request, "entities/entity_detail.html", {"entity": entity})


def person_list(request):
    return _entity_list(request, Person)


def person_detail(request, slug):
    return _entity_detail(request, Person, slug)


def organization_list(request):
    return _entity_list(request, Organization)


def organization_detail(request, slug):
    return _entity_detail(request, Organization, slug)


def sector_list(request):
    return _entity_list(request, Sector)


def sector_detail(request, slug):
    return _entity_detail(request, Sector, slug)


def event_list(request):
    return _entity_list(request, Event)


def event_detail(request, slug):
    return _entity_detail(request, Event, slug)


def country_list(request):
    return _entity_list(request, Country)


def country_detail(request, slug):
    return _entity_detail(request, Country, slug)


def tracker(request):
    return render(request, "entities/tracker.html", {"events": Event.objects.all()[:100]})
