"""Business rules. Services take models and validated data, change them, ``flush()``, write the audit
event, and never commit: the request (or CLI command) boundary commits once."""
