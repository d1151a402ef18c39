"""Evidence collectors: each looks at one part of a message and says which states it points to."""
from mailbot.attribution.collectors.body import collect_body
from mailbot.attribution.collectors.display_name import collect_display_name
from mailbot.attribution.collectors.documents import collect_documents
from mailbot.attribution.collectors.reply_to import collect_reply_to
from mailbot.attribution.collectors.sender import collect_sender
from mailbot.attribution.collectors.signature import collect_signature
from mailbot.attribution.collectors.subject import collect_subject
from mailbot.attribution.collectors.view import MessageView, view_of

# Collectors that read what the author wrote (used on forwarded messages too), in trail order.
CONTENT_COLLECTORS = (collect_subject, collect_documents, collect_body, collect_signature)
# Collectors that read the envelope of the message as we received it.
SENDER_COLLECTORS = (collect_sender, collect_reply_to, collect_display_name)

__all__ = ["CONTENT_COLLECTORS", "SENDER_COLLECTORS", "MessageView", "view_of"]
