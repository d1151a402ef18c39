"""Outgoing mail: the transactional outbox, composition, and delivery transports."""
