from django.urls import path

from articles.public import profiles as views
from articles.public.exports import tracker as exports
from articles.public.feeds import entities as feeds
from articles.public.feeds.formats import feed_paths
from articles.public.profiles import tracker

app_name = "entities"

urlpatterns = [
    path("people/", views.person_list, name="person-list"),
    path("people/<slug:slug>/", views.person_detail, name="person-detail"),
    path("organizations/", views.organization_list, name="organization-list"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization-detail"),
    path("sectors/", views.sector_list, name="sector-list"),
    path("sectors/<slug:slug>/", views.sector_detail, name="sector-detail"),
    path("events/", views.event_list, name="event-list"),
    path("events/<slug:slug>/", views.event_detail, name="event-detail"),
    path("countries/", views.country_list, name="country-list"),
    path("countries/<slug:slug>/", views.country_detail, name="country-detail"),
    path("tracker/", tracker.tracker, name="tracker"),
    path("tracker/csv/", exports.tracker_csv, name="tracker-csv"),
    # Feeds: each in RSS (`feed/`), Atom (`feed/atom/`) and JSON Feed (`feed/json/`).
    *feed_paths("people/<slug:slug>/feed/", feeds.PersonFeed, "person-feed"),
    *feed_paths("organizations/<slug:slug>/feed/", feeds.OrganizationFeed, "organization-feed"),
    *feed_paths("sectors/<slug:slug>/feed/", feeds.SectorFeed, "sector-feed"),
    *feed_paths("events/<slug:slug>/feed/", feeds.EventFeed, "event-feed"),
    *feed_paths("countries/<slug:slug>/feed/", feeds.CountryFeed, "country-feed"),
    *feed_paths("tracker/feed/", feeds.TrackerFeed, "tracker-feed"),
]
