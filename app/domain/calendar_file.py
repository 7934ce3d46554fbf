"""A consultation as a calendar file (.ics), so it sits in the patient's phone or computer calendar.

The file leaves StemPrep (it is mailed, synced, shared with a family member), so it holds
only what a calendar needs: the clinic's name, the day and time, the place and the
interpreter. The patient's name goes in only when they ask for it; nothing else about
them (condition, answers, prices, red flags, notes) ever does.

Appointments are stored as local times in Korea, so the event says so: its start carries
TZID=Asia/Seoul, with the zone's definition in the file (VTIMEZONE), and a calendar in
another country shows it at the right hour there. A day without a time is an all-day
event. The library `icalendar` writes and reads the format; it is imported only when a
file is made, never at start-up.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from app.domain.formatting import shortened
from app.domain.question_bank import Text
from db.errors import UserError
from db.records import Clinic, Profile

if TYPE_CHECKING:
    from icalendar import Calendar

#: Where the appointments are: every time StemPrep stores for a consultation is local time here.
KOREA_TIME_ZONE = "Asia/Seoul"

#: How long a consultation is shown in the calendar when the clinic said only when it starts.
CONSULTATION_LENGTH = timedelta(hours=1)

#: The suffix of a calendar file.
CALENDAR_SUFFIX = ".ics"

#: The event's words, in the language the patient chose.
_TITLE = Text("Consultation: {clinic}", "상담: {clinic}")
_INTERPRETER = Text("Interpreter: {who}", "통역: {who}")
_KOREAN_TIME = Text("Time in Korea (Asia/Seoul).", "한국 시간(Asia/Seoul) 기준입니다.")
_MADE_WITH = Text("Made with StemPrep.", "StemPrep으로 만들었습니다.")


class NoAppointment(UserError):
    """The clinic has no consultation booked, so there is nothing to put in a calendar."""


def ensure_booked(clinic: Clinic) -> None:
    """Raise `NoAppointment` with one sentence when no consultation is booked with `clinic`."""
    if not clinic.appointment:
        raise NoAppointment(
            f"No consultation is booked with {shortened(clinic.name, 80)} yet; add its day in the Clinics step first."
        )


def consultation_calendar(
    profile: Profile, clinic: Clinic, *, with_name: bool = False, language: str = "en",
    made_at: datetime | None = None,
) -> bytes:
    """The calendar file for the consultation booked with `clinic`, as bytes (UTF-8 iCalendar).

    `with_name` puts the patient's name in the event's title. The event's id is the same
    each time for the same clinic, so importing a newer file updates the event rather than
    adding a second one. Raises `NoAppointment` with one sentence when none is booked.
    """
    ensure_booked(clinic)
    from icalendar import Calendar, Event  # only when a file is made

    day = date.fromisoformat(clinic.appointment[:10])
    event = Event()
    event.add("uid", f"consultation-{clinic.id}-{profile.uid}@stemprep")
    event.add("dtstamp", made_at or datetime.now(UTC))
    if len(clinic.appointment) > 10:
        from zoneinfo import ZoneInfo

        start = datetime.fromisoformat(clinic.appointment).replace(tzinfo=ZoneInfo(KOREA_TIME_ZONE))
        event.add("dtstart", start)
        event.add("dtend", start + CONSULTATION_LENGTH)
    else:
        event.add("dtstart", day)  # VALUE=DATE: all day
        event.add("dtend", day + timedelta(days=1))
    title = _TITLE.get(language).format(clinic=_one_line(clinic.name))
    event.add("summary", f"{title} ({_one_line(profile.name)})" if with_name else title)
    place = ", ".join(_one_line(p) for p in (clinic.appointment_place.strip(), clinic.city.strip()) if p)
    if place:
        event.add("location", place)
    interpreter = _one_line(clinic.interpreter.strip())
    lines = [_INTERPRETER.get(language).format(who=interpreter)] if interpreter else []
    if len(clinic.appointment) > 10:
        lines.append(_KOREAN_TIME.get(language))
    lines.append(_MADE_WITH.get(language))
    event.add("description", "\n".join(lines))

    calendar = Calendar()
    calendar.add("prodid", "-//StemPrep//Consultation//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add_component(event)
    _add_time_zone(calendar, day)
    return bytes(calendar.to_ical())


#: Control characters, which a calendar file may not hold (RFC 5545): a name typed or imported
#: with a tab, a line break or an escape sequence goes in as one line of plain text.
_CONTROLS = dict.fromkeys([*range(0x00, 0x20), *range(0x7F, 0xA0)], " ")


def _one_line(text: str) -> str:
    return " ".join(text.translate(_CONTROLS).split())


def _add_time_zone(calendar: Calendar, day: date) -> None:
    """Describe Korea's time zone around the appointment (a short VTIMEZONE, not one since 1970)."""
    calendar.add_missing_timezones(first_date=day - timedelta(days=366), last_date=day + timedelta(days=366))


def calendar_file_name(clinic: Clinic) -> str:
    """A file name for the clinic's consultation: the day and the clinic, nothing about the patient."""
    day = (clinic.appointment or "")[:10]
    safe = "".join(ch if ch.isalnum() else "-" for ch in clinic.name).strip("-")[:40] or "clinic"
    return f"consultation-{day}-{safe}{CALENDAR_SUFFIX}"


def is_calendar_file(data: bytes) -> bool:
    """Whether `data` starts like a calendar file StemPrep wrote (so replacing it loses nothing of the user's)."""
    return data.startswith(b"BEGIN:VCALENDAR") and b"PRODID:-//StemPrep//" in data[:200]
