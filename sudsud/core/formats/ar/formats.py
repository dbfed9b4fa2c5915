"""Arabic number formats on top of Django's own ``ar`` module (looked up after this
one): Django groups no digits in Arabic, so 81179835 was unreadable in tables and
briefs. CLDR's Arabic with Latin digits groups by three with "." (decimal ",")."""

NUMBER_GROUPING = 3
