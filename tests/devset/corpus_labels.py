"""Labels for the shared real-world corpus (../shared/corpus/mime/*.eml), written by reading each file.

None of these is a contribution to the GCA consultation: they are real mail from other contexts.
`kind` lists every kind that is a right answer (a generic "RE:" that is not a reply to us may be
`other` or `reply`; robot mail may get the finer robot kinds another branch adds).
"""
from __future__ import annotations

BOUNCE = ["bounce"]
DELAY = ["bounce", "delay"]
AUTO = ["auto_reply"]
COMPLAINT = ["complaint", "bounce", "other"]
RECEIPT_NOTICE = ["delivered", "auto_reply", "other"]
OTHER = ["other"]
OTHER_OR_REPLY = ["other", "reply"]

# file -> (kinds, note)
CORPUS = {
    "cpython_mailman_digest.eml": (OTHER, "Mailman digest (list traffic)"),
    "cpython_no_header_body_separator.eml": (OTHER, "personal mail, no blank line after headers"),
    "flanker_bounce_broken_mime.eml": (BOUNCE, "postmaster 'Undeliverable Mail', broken MIME"),
    "flanker_bounce_office365.eml": (BOUNCE, "Office 365 DSN"),
    "flanker_complaint_aol_arf.eml": (COMPLAINT, "AOL ARF feedback report"),
    "flanker_disposition_notification.eml": (RECEIPT_NOTICE, "MDN read receipt"),
    "flanker_enclosed_bad_encoding.eml": (OTHER, "personal mail with an enclosed message"),
    "flanker_enclosed_rfc822.eml": (OTHER, "personal mail with an enclosed message"),
    "flanker_false_multipart.eml": (OTHER, "broken multipart test mail"),
    "flanker_long_header.eml": (OTHER, "German pangram test mail"),
    "flanker_malformed_headers.eml": (OTHER, "malformed headers, no From"),
    "flanker_mime_torture.eml": (OTHER, "Crispin MIME torture test"),
    "flanker_missing_boundaries.eml": (OTHER, "broken test mail"),
    "flanker_missing_final_boundary.eml": (OTHER, "broken test mail"),
    "flanker_no_content_type.eml": (OTHER, "test mail without Content-Type"),
    "flanker_russian_attachment_yahoo.eml": (OTHER, "'Hello' from yahoo with a Russian-named attachment"),
    "flanker_signed.eml": (OTHER, "S/MIME signed test"),
    "flanker_spam_broken_ctype.eml": (OTHER, "spam with broken Content-Type"),
    "hunnysoft_netscape_m1005.eml": (OTHER, "Netscape test message"),
    "hunnysoft_outlook2000_m0013.eml": (OTHER, "Outlook 2000 test message"),
    "hunnysoft_pine_rfc2231_m3004.eml": (OTHER, "Pine RFC 2231 test message"),
    "imaptools_forwarded_message.eml": (OTHER, "Russian company mail with a forwarded message"),
    "mailparser_cdo_bulletin_with_pdf.eml": (OTHER, "Italian weather bulletin with PDF (newsletter)"),
    "mailparser_dsn_mailsite_malformed.eml": (BOUNCE, "MailSite DSN, malformed"),
    "mailparser_forwarded_scanned_pdf.eml": (OTHER, "Italian 'I: Ordine' forward of a scanned order"),
    "mailparser_french_qp_subject.eml": (OTHER, "French commercial newsletter"),
    "mailparser_gb2312_html_only.eml": (OTHER, "Chinese spam, HTML only"),
    "mailparser_gb2312_outlook_express.eml": (OTHER, "Chinese invoice spam"),
    "mailparser_ibm_notes_related.eml": (OTHER, "IBM Notes marketing mail"),
    "mailparser_raw_8bit_spam_html.eml": (OTHER, "raw 8-bit spam"),
    "mailparser_zimbra_malformed.eml": (OTHER, "Italian 'immagine', picture"),
    "mikel_attachment_nonascii_filename.eml": (OTHER, "test with non-ASCII attachment name"),
    "mikel_attachment_rfc2231_encoded_name.eml": (OTHER, "'Fwd: Signed email causes file attachments'"),
    "mikel_bad_encoded_subject.eml": (OTHER, "bad encoded subject"),
    "mikel_encoding_madness.eml": (OTHER, "eBay bid notification"),
    "mikel_illegal_boundary.eml": (OTHER, "Outlook test"),
    "mikel_japanese_attachment_long_name.eml": (OTHER, "Japanese test with long attachment name"),
    "mikel_japanese_iso2022jp.eml": (OTHER, "Japanese test message"),
    "mikel_korean_ks_c_5601.eml": (OTHER, "Korean test message"),
    "mikel_multiple_content_types.eml": (OTHER, "redacted mail, several Content-Types"),
    "mikel_part_without_content_type.eml": (DELAY, "sendmail 'could not send message for past 1 day' warning"),
    "mikel_utf8_raw_headers_rfc6532.eml": (OTHER, "SMTPUTF8 test"),
    "mikel_x_uuencode.eml": (OTHER, "'PGP Comments on RTO West' (RTO West is not a state)"),
    "mmp_fake_tnef_png_m4006.eml": (RECEIPT_NOTICE, "'Read: invitation' read receipt (TNEF that is a PNG)"),
    "mmp_invalid_charset.eml": (OTHER, "test mail, invalid charset"),
    "mmp_outlook_pgp_signed_m4001.eml": (OTHER, "PGP signed Outlook test"),
    "sisimai_autoreply_away.eml": (AUTO, "away notice"),
    "sisimai_autoreply_multipart.eml": (AUTO, "auto response"),
    "sisimai_autoreply_outlook_cp1252.eml": (AUTO, "Outlook automatic reply"),
    "sisimai_bounce_1und1_german.eml": (BOUNCE, "1&1 German bounce"),
    "sisimai_bounce_domino.eml": (BOUNCE, "Domino delivery failure"),
    "sisimai_bounce_exchange2003_crlf.eml": (BOUNCE, "Exchange 2003 undeliverable"),
    "sisimai_bounce_exchange2007.eml": (BOUNCE, "Exchange 2007 DSN"),
    "sisimai_bounce_google_workspace.eml": (BOUNCE, "Google Workspace DSN"),
    "talon_outlook_reply.eml": (OTHER_OR_REPLY, "Outlook reply to someone else's mail"),
    "tika_groupwise_forward.eml": (OTHER, "GroupWise forward test"),
    "tika_lotus_notes_html.eml": (OTHER, "Lotus Notes HTML mail"),
    "unstructured_empty.eml": (OTHER, "empty file"),
    "unstructured_equals_in_filename.eml": (OTHER, "odd filename example"),
    "unstructured_malformed_encoding.eml": (OTHER, "test email"),
    "unstructured_mime_encoding_error.eml": (["other", "auto_reply"], "Zoom meeting notification"),
    "unstructured_no_utf8_2008.eml": (OTHER_OR_REPLY, "Hebrew 'RE:' to someone else's mail"),
    "unstructured_pgp_encrypted.eml": (OTHER, "PGP encrypted"),
    "unstructured_smime_signed.eml": (OTHER, "S/MIME signed"),
    "unstructured_utf16le.eml": (OTHER, "UTF-16 encoded message"),
}
