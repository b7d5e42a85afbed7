"""The subscription form: an email address and what to follow."""

from django import forms
from django.contrib.auth.base_user import BaseUserManager

from articles.public.forms import FilterForm
from entities.models import Country, Event, Person, Sector

FOLLOWABLE = {"person": Person, "sector": Sector, "event": Event, "country": Country}


class FollowForm(FilterForm):
    """`?person=<slug>` (or sector, event, country): what the reader wants to follow."""

    person = forms.SlugField(required=False, max_length=200)
    sector = forms.SlugField(required=False, max_length=200)
    event = forms.SlugField(required=False, max_length=200)
    country = forms.SlugField(required=False, max_length=200)

    def clean(self):
        cleaned = super().clean()
        chosen = [(kind, cleaned.get(kind)) for kind in FOLLOWABLE if cleaned.get(kind)]
        if len(chosen) != 1:
            raise forms.ValidationError(
                "Choose one person, sector, event or country to follow (e.g. ?person=mark-carney)."
            )
        kind, slug = chosen[0]
        cleaned["entity"] = FOLLOWABLE[kind].objects.filter(slug=slug).first()
        if cleaned["entity"] is None:
            self.add_error(kind, f"No {kind} with that address.")
        return cleaned


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter a valid email address, like name@example.com.",
        },
    )
    # Left empty by people; a form-filling robot fills it in.
    website = forms.CharField(required=False, label="Leave this empty")

    def clean_email(self):
        return BaseUserManager.normalize_email(self.cleaned_data["email"].strip())
