"""The versions that writes in bulk leave in the history of what they change.

Each change (an import's, a merge's) gets the version a save or a change of links
would record, with the many-to-many links of that moment; all of them are stored
at the end, one query per table.
"""

import datetime

from django.utils import timezone
from simple_history.models import HistoricalRecords

# Fields only known once the object is stored; a version takes them from the stored object.
STORED_FIELDS = ("id", "slug", "created_at", "updated_at")


def acting_user():
    """The user of the request being answered, for the history (None outside requests)."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


class Versions:
    """Versions of objects written in bulk, in the order the changes happened."""

    def __init__(self, user=None):
        """`user`: who made the changes; by default the user of the request being answered."""
        self.recorded = []  # (instance, history type, date, values, links)
        self.last_date = None
        self.user = user

    @classmethod
    def of_saves(cls, objects, *, user=None):
        """Record and store at once the versions saving each of `objects` would, with
        their many-to-many links as they stand (one query per linked field)."""
        versions = cls(user)
        model = type(objects[0])
        links = {}
        for field in model.history.model._history_m2m_fields:
            through = field.remote_field.through
            source = field.m2m_field_name()
            rows = through.objects.filter(**{f"{source}__in": objects})
            by_object = links.setdefault(field.name, {})
            for row in rows:
                by_object.setdefault(getattr(row, f"{source}_id"), []).append(row)
        for obj in objects:
            versions.record(obj, "~", {name: rows.get(obj.pk, []) for name, rows in links.items()})
        versions.write()

    def _date(self):
        now = timezone.now()
        if self.last_date is not None and now <= self.last_date:
            now = self.last_date + datetime.timedelta(microseconds=1)
        self.last_date = now
        return now

    def record(self, instance, history_type, links=None):
        """Note the version `instance` has now: "+" created, "~" changed.

        `links`: for a model with many-to-many fields in its history, the through
        rows of each such field (objects whose ids may still be unknown).
        """
        history_model = type(instance).history.model
        values = {
            field.attname: getattr(instance, field.attname)
            for field in history_model.tracked_fields
            if field.attname not in STORED_FIELDS
        }
        self.recorded.append((instance, history_type, self._date(), values, links or {}))

    def write(self):
        """Store every recorded version (the objects themselves must be stored by now)."""
        by_model = {}
        for version in self.recorded:
            by_model.setdefault(type(version[0]), []).append(version)
        for model, versions in by_model.items():
            history_model = model.history.model
            stored = {field.attname for field in history_model.tracked_fields} & set(STORED_FIELDS)
            rows = []
            for instance, history_type, date, values, _links in versions:
                rows.append(
                    history_model(
                        history_date=date,
                        history_type=history_type,
                        history_user=getattr(instance, "_history_user", None)
                        or self.user
                        or acting_user(),
                        history_change_reason=getattr(instance, "_change_reason", None),
                        **values,
                        **{name: getattr(instance, name) for name in stored},
                    )
                )
            history_model.objects.bulk_create(rows)
            self._write_links(history_model, rows, [version[4] for version in versions])
        self.recorded = []

    @staticmethod
    def _write_links(history_model, rows, links):
        """The many-to-many rows of each version, as a save would copy them."""
        for field in history_model._history_m2m_fields:
            accessor = f"{history_model._meta.model_name}_{field.name}_set"
            links_model = next(
                rel.related_model
                for rel in history_model._meta.related_objects
                if rel.get_accessor_name() == accessor
            )
            through_fields = [f.attname for f in field.remote_field.through._meta.fields]
            copies = [
                links_model(history=row, **{name: getattr(link, name) for name in through_fields})
                for row, row_links in zip(rows, links, strict=True)
                for link in row_links.get(field.name, ())
            ]
            if copies:
                links_model.objects.bulk_create(copies)
