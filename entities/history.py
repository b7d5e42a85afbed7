"""The admin's history of an editorial record: readable word-level diffs, and a guard on
restoring an old version.
"""

import re
from difflib import SequenceMatcher

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from simple_history.template_utils import HistoricalRecordContextHelper

# Words, runs of white space and single punctuation marks: what a word-level diff compares.
TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
DIFF_CONTEXT = 12  # tokens (about six words) kept on each side of a change


def _unchanged(tokens, *, first, last):
    """Escaped unchanged text; a long stretch keeps only its ends next to the changes."""
    if len(tokens) <= 3 * DIFF_CONTEXT:
        return escape("".join(tokens))
    head = [] if first else tokens[:DIFF_CONTEXT]
    tail = [] if last else tokens[-DIFF_CONTEXT:]
    skipped = tokens[len(head) : len(tokens) - len(tail)]
    words = sum(1 for token in skipped if token[0].isalnum() or token[0] == "_")
    return format_html(
        '{}<span class="diff-skip">[… {} unchanged word{} …]</span>{}',
        "".join(head),
        words,
        "" if words == 1 else "s",
        "".join(tail),
    )


def word_diff(old, new):
    """HTML of a word-level diff: removed words in <del>, added ones in <ins>, all escaped.

    Long unchanged stretches are shortened to the words next to each change, so that
    one corrected word in a long body reads as a sentence, not as the whole body.
    """
    a, b = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    # Most edits touch one place: compare only what lies between the common ends.
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    middle = SequenceMatcher(None, a[start : len(a) - end], b[start : len(b) - end], False)
    ops = [("equal", 0, start, 0, start)] if start else []
    ops += [
        (tag, i1 + start, i2 + start, j1 + start, j2 + start)
        for tag, i1, i2, j1, j2 in middle.get_opcodes()
    ]
    if end:
        ops.append(("equal", len(a) - end, len(a), len(b) - end, len(b)))
    parts = []
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            parts.append(_unchanged(a[i1:i2], first=n == 0, last=n == len(ops) - 1))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", "".join(b[j1:j2])))
    return mark_safe("".join(parts))  # every part is escaped above


class RevertNeedsChangePermission:
    """Restoring a version from the history is a change: it needs the change permission.

    simple-history only hides its Restore button from those who may merely view; a
    crafted POST to the version's page would still save it.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            current = self.get_object(request, unquote(object_id))
            allowed = (
                self.has_add_permission(request)
                if current is None
                else self.has_change_permission(request, current)
            )
            if not allowed:
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReadableDiffs(HistoricalRecordContextHelper):
    """Changes of text fields shown as a word-level diff, not as shortened Python strings."""

    def context_for_delta_changes(self, delta):
        rows = super().context_for_delta_changes(delta)
        for row, change in zip(rows, delta.changes, strict=True):
            field = self.model._meta.get_field(change.field)
            if field.choices:
                labels = dict(field.flatchoices)
                row["old"], row["new"] = (labels.get(v, v) for v in (change.old, change.new))
            elif isinstance(field, models.CharField | models.TextField):
                row["diff"] = word_diff(change.old, change.new)
        return rows


class ReadableHistory:
    """The history list of an editorial model, with readable diffs of its text fields."""

    object_history_template = "admin/history_with_diffs.html"
    object_history_list_template = "admin/history_list_with_diffs.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableDiffs(self.model, historical_record)
