"""The forms of the newsroom admin: the article form, the quote inline's anchoring form,
the suggestions panel's decisions and the preview link's lifetime."""

from django import forms

from articles import previews
from articles import suggestions as assist
from articles.anchoring import find_anchor, normalize_body, normalize_quote
from articles.bundles import MAX_BODY_CHARS
from articles.models import Article, Mention, Quote, can_publish
from entities.models import split_aliases


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


class PreviewLinkForm(forms.Form):
    days = forms.IntegerField(
        label="valid for (days)",
        min_value=1,
        max_value=previews.MAX_LIFETIME_DAYS,
        initial=previews.DEFAULT_LIFETIME_DAYS,
    )


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


class AliasesField(forms.CharField):
    """A list of names typed on one line, separated by semicolons (or one per line)."""

    def prepare_value(self, value):
        # The stored list, or bound data as typed.
        return "; ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return split_aliases(super().to_python(value) or "")

    def has_changed(self, initial, data):
        return self.to_python(self.prepare_value(initial or [])) != self.to_python(data)


class MentionInlineForm(forms.ModelForm):
    aliases = AliasesField(
        label="Forms used",
        required=False,
        help_text="How the article names it, separated by semicolons.",
        widget=forms.TextInput(attrs={"size": 24}),
    )

    class Meta:
        model = Mention
        fields = ["role", "person", "organization", "sector", "event", "country", "aliases"]
