"""Quarter board: the quarter's dossiers by state, the deadline in working days, reminders."""
