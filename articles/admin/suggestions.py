"""The suggestions panel on an article's change page: the proposed quotes and mentions,
accepted, edited or rejected one by one, or accepted all at once above a confidence."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse

from articles import suggestions as assist
from articles.admin.forms import SuggestionForm
from articles.models import Article
from entities.changes import announce

ACCEPT_ALL_DEFAULT = 0.8


def _split(value):
    """The names in a `;`-separated field of the suggestion form."""
    return [part.strip() for part in value.split(";") if part.strip()]


class SuggestionsPanel:
    """ArticleAdmin's suggestions panel and the view its decisions are posted to."""

    def get_urls(self):
        return [
            path(
                "<int:pk>/suggestions/",
                self.admin_site.admin_view(self.suggestions_view),
                name="articles_article_suggestions",
            ),
            *super().get_urls(),
        ]

    def suggestions_context(self, request, article):
        """The panel's suggestions and address, for those who may change the article."""
        if not self.has_change_permission(request, article):
            return {}
        return {
            "suggestions": assist.suggestions_for(article),
            "suggestions_url": reverse("admin:articles_article_suggestions", args=[article.pk]),
            "accept_all_default": ACCEPT_ALL_DEFAULT,
        }

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
