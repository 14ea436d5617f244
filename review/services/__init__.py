"""Every write the desk makes: one function per user action, each taking `actor=`, running in
a transaction and leaving history. Import from the submodules (`review.services.flags`, ...)."""
