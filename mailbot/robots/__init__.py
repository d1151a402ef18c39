"""Robot mail read as a postmaster would: bounces, delays, delivered notices, complaints, auto-replies.

    read_robot_mail(parsed) -> RobotReport | None

- senders.py   who is a robot (Return-Path <>, MAILER-DAEMON / postmaster in any form, Auto-Submitted)
- dsn.py       RFC 3464 delivery-status fields, read leniently (missing blank lines, broken MIME)
- addresses.py one clean address out of "rfc822; <a@b>", or nothing (pipes, paths, bare domains)
- read.py      the decision: flufl.bounce (Mailman's detectors) plus the fields above -> kind + recipients
"""
from mailbot.robots.read import RobotKind, RobotRecipient, RobotReport, read_robot_mail

__all__ = ["RobotKind", "RobotRecipient", "RobotReport", "read_robot_mail"]
