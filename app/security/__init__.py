"""Key slots, key derivation, users and roles, lock-out policy."""
