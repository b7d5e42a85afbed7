"""Scoring proposals against gold annotations (bundle format, see the corpus README).

A proposed quote matches a gold quote when their spans overlap by at least half of the
longer span; matching is one-to-one, largest overlaps first. Per-kind recall counts gold
quotes of that kind; per-kind precision counts proposals of that kind.

Every error has a class (missed, spurious, boundary, wrong speaker, wrong kind) and, when
the gold quote carries ``phenomena`` labels, those labels; a spurious proposal over one of
the article's ``not_quotes`` passages (quotation marks that are not speech) is labelled
``not-speech``. :func:`error_report` counts them per class and per phenomenon.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from .proposals import Annotation, QuoteProposal

KINDS = ("direct", "indirect", "partial")
ERROR_CLASSES = ("missed", "spurious", "boundary", "wrong speaker", "wrong kind")
NOT_SPEECH = "not-speech"


def _prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> dict[str, float | int]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "predicted": n_pred, "gold": n_gold}


def match_spans(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs overlapping by half the longer span."""
    pairs = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0 and overlap * 2 >= max(ge - gs, pe - ps):
                pairs.append((overlap, gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return sorted(out)


def _person_forms(article: Mapping[str, Any]) -> dict[str, set[str]]:
    forms: dict[str, set[str]] = {}
    for m in article.get("mentions", []):
        if m["type"] == "person":
            forms.setdefault(m["name"], set()).update([m["name"], *m.get("aliases", [])])
    return forms


def speaker_right(gold: Mapping[str, Any], pred: QuoteProposal, forms: dict[str, set[str]]) -> bool:
    if not gold.get("speaker_named", True):
        return not pred.speaker_named
    if not pred.speaker_named:
        return False
    allowed = forms.get(gold["speaker"], {gold["speaker"]})
    return pred.speaker in allowed or pred.speaker == gold["speaker"]


def evaluate(
    gold_articles: list[Mapping[str, Any]], predictions: Mapping[str, Annotation]
) -> dict[str, Any]:
    counts = {k: {"gold": 0, "pred": 0, "tp_gold": 0, "tp_pred": 0} for k in (*KINDS, "all")}
    strict = 0
    speaker_ok = 0
    matched_total = 0
    m_tp_pred = m_pred = m_tp_gold = m_gold = 0
    errors: list[dict[str, Any]] = []
    phenomena: dict[str, Counter[str]] = {}
    for article in gold_articles:
        ann = predictions.get(article["id"], Annotation())
        gold_q = article.get("quotes", [])
        pred_q = ann.quotes
        pairs = match_spans(
            [(g["start"], g["end"]) for g in gold_q], [(p.start, p.end) for p in pred_q]
        )
        forms = _person_forms(article)
        for g in gold_q:
            counts[g["kind"]]["gold"] += 1
            counts["all"]["gold"] += 1
        for p in pred_q:
            counts[p.kind]["pred"] += 1
            counts["all"]["pred"] += 1
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for gi, pi in pairs:
            g, p = gold_q[gi], pred_q[pi]
            counts[g["kind"]]["tp_gold"] += 1
            counts[p.kind]["tp_pred"] += 1
            counts["all"]["tp_gold"] += 1
            counts["all"]["tp_pred"] += 1
            matched_total += 1
            strict += (g["start"], g["end"]) == (p.start, p.end)
            labels = _phenomena(g)
            for label in labels:
                phenomena.setdefault(label, Counter())["gold"] += 1
            if speaker_right(g, p, forms):
                speaker_ok += 1
                for label in labels:
                    phenomena[label]["right"] += 1
            else:
                errors.append(
                    {
                        "article": article["id"],
                        "error": "wrong speaker",
                        "text": g["text"],
                        "gold": g["speaker"],
                        "predicted": p.speaker,
                        "phenomena": labels,
                    }
                )
            if (g["start"], g["end"]) != (p.start, p.end):
                errors.append(
                    {
                        "article": article["id"],
                        "error": "boundary",
                        "gold": g["text"],
                        "predicted": p.text,
                        "phenomena": labels,
                    }
                )
            if g["kind"] != p.kind:
                errors.append(
                    {
                        "article": article["id"],
                        "error": "wrong kind",
                        "text": g["text"],
                        "gold": g["kind"],
                        "predicted": p.kind,
                        "phenomena": labels,
                    }
                )
        for gi, g in enumerate(gold_q):
            if gi not in matched_g:
                labels = _phenomena(g)
                for label in labels:
                    phenomena.setdefault(label, Counter())["gold"] += 1
                errors.append(
                    {
                        "article": article["id"],
                        "error": "missed",
                        "kind": g["kind"],
                        "text": g["text"],
                        "gold": g["speaker"],
                        "phenomena": labels,
                    }
                )
        not_quotes = _not_quote_spans(article)
        for pi, p in enumerate(pred_q):
            if pi not in matched_p:
                over = any(s < p.end and p.start < e for s, e in not_quotes)
                errors.append(
                    {
                        "article": article["id"],
                        "error": "spurious",
                        "kind": p.kind,
                        "text": p.text,
                        "predicted": p.speaker,
                        "phenomena": [NOT_SPEECH] if over else [],
                    }
                )
        gold_m = article.get("mentions", [])
        claimed: set[int] = set()
        for pm in ann.mentions:
            hit = next(
                (
                    i
                    for i, gm in enumerate(gold_m)
                    if i not in claimed
                    and gm["type"] == pm.type
                    and (pm.name == gm["name"] or pm.name in gm.get("aliases", []))
                ),
                None,
            )
            if hit is None:
                errors.append(
                    {
                        "article": article["id"],
                        "error": "mention-spurious",
                        "predicted": f"{pm.name} ({pm.type})",
                    }
                )
            else:
                claimed.add(hit)
        for i, gm in enumerate(gold_m):
            if i not in claimed:
                errors.append(
                    {
                        "article": article["id"],
                        "error": "mention-missed",
                        "gold": f"{gm['name']} ({gm['type']})",
                    }
                )
        m_tp_pred += len(claimed)
        m_pred += len(ann.mentions)
        m_tp_gold += len(claimed)
        m_gold += len(gold_m)
    spans = {k: _prf(c["tp_pred"], c["pred"], c["tp_gold"], c["gold"]) for k, c in counts.items()}
    n_pred, n_gold = counts["all"]["pred"], counts["all"]["gold"]
    return {
        "spans": spans,
        "strict": _prf(strict, n_pred, strict, n_gold),
        "speaker_accuracy": speaker_ok / matched_total if matched_total else 0.0,
        "matched": matched_total,
        "end_to_end": _prf(speaker_ok, n_pred, speaker_ok, n_gold),
        "mentions": _prf(m_tp_pred, m_pred, m_tp_gold, m_gold),
        "errors": errors,
        "phenomena": {label: dict(c) for label, c in sorted(phenomena.items())},
    }


def _phenomena(gold: Mapping[str, Any]) -> list[str]:
    labels = gold.get("phenomena") or []
    return [labels] if isinstance(labels, str) else [str(x) for x in labels]


def _not_quote_spans(article: Mapping[str, Any]) -> list[tuple[int, int]]:
    """The article's quotation-mark passages that are not speech, as body offsets.

    Entries are ``{"start", "end"}`` objects (``text`` alone is looked up in the body) or
    plain strings."""
    body = article.get("body", "")
    spans = []
    for item in article.get("not_quotes") or []:
        if isinstance(item, Mapping) and "start" in item and "end" in item:
            spans.append((int(item["start"]), int(item["end"])))
            continue
        text = item.get("text", "") if isinstance(item, Mapping) else str(item)
        at = body.find(text) if text else -1
        while at >= 0:
            spans.append((at, at + len(text)))
            at = body.find(text, at + len(text))
    return spans


def error_report(scores: Mapping[str, Any]) -> list[str]:
    """Error counts by class, then per phenomenon label (gold quotes labelled with it,
    how many were found with the right speaker, and the errors on them by class)."""
    quote_errors = [e for e in scores["errors"] if e["error"] in ERROR_CLASSES]
    by_class = Counter(e["error"] for e in quote_errors)
    lines = ["errors by class:"]
    lines += [f"  {cls:<16}{by_class[cls]:>6}" for cls in ERROR_CLASSES]
    mention_errors = Counter(e["error"] for e in scores["errors"] if e not in quote_errors)
    for cls, n in sorted(mention_errors.items()):
        lines.append(f"  {cls:<16}{n:>6}")
    per_label: dict[str, Counter[str]] = {}
    for e in quote_errors:
        for label in e.get("phenomena", []):
            per_label.setdefault(label, Counter())[e["error"]] += 1
    labels = sorted(set(per_label) | set(scores.get("phenomena", {})))
    if not labels:
        return lines
    header = "".join(f"{cls:>9}" for cls in ("missed", "spurious", "boundary", "speaker", "kind"))
    lines.append(f"errors by phenomenon:{'gold':>10}{'right':>7}{header}")
    for label in labels:
        seen = scores.get("phenomena", {}).get(label, {})
        counts = per_label.get(label, Counter())
        cells = "".join(f"{counts[cls]:>9}" for cls in ERROR_CLASSES)
        lines.append(f"  {label:<29}{seen.get('gold', 0):>10}{seen.get('right', 0):>7}{cells}")
    return lines
