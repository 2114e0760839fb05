"""Pure domain types of Rezerv: no I/O, no Qt, no database."""
