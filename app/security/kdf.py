"""Passphrase -> key-encryption key with Argon2id (argon2-cffi). Parameters travel with each slot."""

from __future__ import annotations

import os

import msgspec
from argon2.low_level import Type, hash_secret_raw


class KdfParams(msgspec.Struct, frozen=True, kw_only=True):
    algorithm: str = "argon2id"
    time_cost: int = 4
    memory_kib: int = 65536  # 64 MiB, 4 passes: about 0.15 s on the reference 2-core machine
    parallelism: int = 2

    @classmethod
    def default(cls) -> KdfParams:
        return cls()

    @classmethod
    def fast_for_tests(cls) -> KdfParams:
        """Deliberately weak parameters, used only by the test suite (like KeePassXC's fastKdf)."""
        return cls(time_cost=1, memory_kib=8192, parallelism=1)

    @classmethod
    def from_environment(cls) -> KdfParams:
        """``REZERV_INSECURE_TEST_KDF=1`` selects the weak test parameters for new key slots.

        It exists so that the CLI can be driven in subprocess tests; it never changes existing
        slots, and the CLI warns on stderr when it is set.
        """
        if os.environ.get("REZERV_INSECURE_TEST_KDF") == "1":
            return cls.fast_for_tests()
        return cls.default()


def derive(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    if params.algorithm != "argon2id":
        raise ValueError(f"unsupported KDF {params.algorithm}")
    # The passphrase is used whole, never truncated (NIST SP 800-63B).
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )
