"""Settings: interface language, idle lock time, users, calendar overrides, quarter reminders."""
