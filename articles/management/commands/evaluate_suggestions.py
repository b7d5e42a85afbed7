"""Score the annotation engine against a bundle whose quotes are the gold answers."""

import json

from django.core.management.base import BaseCommand

from articles.annotation import annotate
from articles.annotation.evaluation import KINDS, error_report, evaluate
from articles.management.commands.suggest_quotes import bundle_gazetteer, read_bundle


def _row(label, s):
    return (
        f"{label:<24}{s['precision']:>10.3f}{s['recall']:>10.3f}{s['f1']:>8.3f}"
        f"{s['predicted']:>7}{s['gold']:>7}"
    )


class Command(BaseCommand):
    help = (
        "Score the engine on GOLD.jsonl: span precision/recall/F1 by kind (a proposal "
        "matches a gold quote when they overlap by at least half of the longer), speaker "
        "accuracy on matched quotes, end-to-end F1 and mention precision/recall."
    )

    def add_arguments(self, parser):
        parser.add_argument("gold", help="an annotated .jsonl bundle")
        parser.add_argument(
            "--errors",
            action="store_true",
            help="count errors by class and by phenomenon, then list every error",
        )

    def handle(self, *args, gold, errors=False, **options):
        articles = read_bundle(gold)
        gazetteer = bundle_gazetteer(articles)
        predictions = {a["id"]: annotate(a["body"], gazetteer) for a in articles}
        scores = evaluate(articles, predictions)
        out = self.stdout
        out.write(f"{len(articles)} articles, {scores['spans']['all']['gold']} gold quotes")
        out.write(f"{'':<24}{'precision':>10}{'recall':>10}{'F1':>8}{'pred':>7}{'gold':>7}")
        for kind in (*KINDS, "all"):
            out.write(_row(f"span {kind}", scores["spans"][kind]))
        out.write(_row("span strict (exact)", scores["strict"]))
        out.write(_row("end-to-end", scores["end_to_end"]))
        out.write(_row("mentions", scores["mentions"]))
        out.write(
            f"speaker accuracy on {scores['matched']} matched quotes: "
            f"{scores['speaker_accuracy']:.3f}"
        )
        if errors:
            for line in error_report(scores):
                out.write(line)
            for err in scores["errors"]:
                out.write(json.dumps(err, ensure_ascii=False))
