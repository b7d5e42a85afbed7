"""Email alerts: readers follow a person, sector, event or country by email.

A reader subscribes with an address and confirms by a signed link (double opt-in);
`manage.py send_alerts`, run from cron, sends each confirmed subscriber one digest of
the public quotes and articles about what they follow that appeared since the last
one; every email carries a one-click unsubscribe (RFC 8058).
"""
