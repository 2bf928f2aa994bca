"""E-mail fixtures made with Python's own MIME implementation (the email package)."""
import mailbox
import zlib
import sys
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone, timedelta
from pathlib import Path

out = Path(sys.argv[1])
madrid = timezone(timedelta(hours=2))


def base(subject, sender, to, cc=None, when=datetime(2024, 5, 3, 9, 15, tzinfo=madrid)):
    m = EmailMessage()
    m["From"] = sender
    m["To"] = to
    if cc:
        m["Cc"] = cc
    m["Date"] = format_datetime(when)
    m["Subject"] = subject
    m["Message-ID"] = f"<{zlib.crc32(subject.encode()):08x}@norwick-harbour.example>"
    return m


# Quoted-printable: accented Spanish text, a line longer than 76 characters (soft line breaks),
# an RFC 2047 subject and sender name.
qp = base("Reunión sobre el muelle norte", "Tomás Vidal <tomas.vidal@norwick-harbour.example>",
          "Elena Marsh <elena.marsh@norwick-harbour.example>", "Junta del Puerto <junta@norwick-harbour.example>")
qp.set_content(
    "Hola Elena,\n\n"
    "El muelle norte permanecerá cerrado hasta septiembre, según el informe del capitán del puerto sobre los cimientos dañados.\n"
    "Los pescadores podrán usar el muelle sur mientras duren las obras.\n\n"
    "Un saludo,\nTomás\n",
    charset="utf-8", cte="quoted-printable")
(out / "qp-message.eml").write_bytes(bytes(qp))

# Base64: text/plain and text/html alternatives, both base64, and a PDF attachment.
b64 = base("Dredging report attached", "Elena Marsh <elena.marsh@norwick-harbour.example>",
           "board@norwick-harbour.example")
b64.set_content(
    "Dear board members,\n\n"
    "Please find the quarterly dredging report attached. The eastern channel is now deeper than it has been in a decade.\n"
    "The final invoice will follow in May.\n\nElena\n",
    charset="utf-8", cte="base64")
b64.add_alternative(
    "<html><body><p>Dear board members,</p>"
    "<p>Please find the <b>quarterly dredging report</b> attached. The eastern channel is now deeper "
    "than it has been in a decade.</p><p>The final invoice will follow in May.</p><p>Elena</p></body></html>",
    subtype="html", charset="utf-8", cte="base64")
b64.add_attachment((out / "report.pdf").read_bytes(), maintype="application", subtype="pdf",
                   filename="dredging-report.pdf")
(out / "base64-message.eml").write_bytes(bytes(b64))

# An mbox of three messages; the second has a body line that starts with "From ".
box_path = out / "mailbox.mbox"
box_path.unlink(missing_ok=True)
box = mailbox.mbox(str(box_path))
bodies = [
    ("Berth allocation for June", "The south quay berths are allocated to the ferry company from 1 June."),
    ("Re: Berth allocation for June", "From what I understand, the fishing fleet keeps berths 4 to 7.\nWe should confirm this in writing."),
    ("Storm damage survey", "The survey found no structural damage to the breakwater after the April storms."),
]
for i, (subject, text) in enumerate(bodies):
    m = base(subject, "Harbour Office <office@norwick-harbour.example>", "board@norwick-harbour.example",
             when=datetime(2024, 5, 20 + i, 8, 0, tzinfo=madrid))
    m.set_content(text + "\n", charset="utf-8", cte="7bit" if i != 2 else "quoted-printable")
    box.add(mailbox.mboxMessage(m))
box.flush()
box.close()
