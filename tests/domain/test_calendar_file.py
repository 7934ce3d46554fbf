"""A consultation as a calendar file: read back with icalendar, in Korea's time, with nothing private in it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from app.domain.calendar_file import NoAppointment, calendar_file_name, consultation_calendar, is_calendar_file
from db.store import Store


def _event(data: bytes) -> Calendar:
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_a_timed_consultation_is_at_that_hour_in_seoul_with_place_and_interpreter(store: Store) -> None:
    profile = store.create_profile("김영희 Kim Young-hee", condition="knee-oa", notes="worried about the price",
                                   medicines="Celecoxib 200 mg")
    clinic = store.add_clinic(
        profile.id, "서울 줄기세포 정형외과", city="Seoul", appointment="2027-04-20T10:30",
        appointment_place="International centre, 2nd floor", interpreter="The clinic's interpreter",
        price=18_500_000, currency="KRW", notes="They said it is risk-free",
    )
    data = consultation_calendar(store.profile(profile.id), clinic)
    calendar = Calendar.from_ical(data)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Seoul"]
    event = _event(data)
    start = event.decoded("DTSTART")
    assert start == datetime(2027, 4, 20, 10, 30, tzinfo=ZoneInfo("Asia/Seoul"))
    assert start.utcoffset() == timedelta(hours=9)
    assert event["DTSTART"].params["TZID"] == "Asia/Seoul"
    assert event.decoded("DTEND") - start == timedelta(hours=1)
    assert str(event["SUMMARY"]) == "Consultation: 서울 줄기세포 정형외과"
    assert str(event["LOCATION"]) == "International centre, 2nd floor, Seoul"
    assert "Interpreter: The clinic's interpreter" in str(event["DESCRIPTION"])
    assert "Asia/Seoul" in str(event["DESCRIPTION"])
    # The file leaves StemPrep: nothing about the patient unless asked, nothing private ever.
    text = data.decode()
    for private in ("김영희", "Kim Young-hee", "worried", "Celecoxib", "18500000", "18,500,000", "KRW", "risk-free", "knee"):
        assert private not in text.replace("\r\n ", "")
    assert is_calendar_file(data)


def test_the_patients_name_goes_in_only_when_asked_and_in_korean_when_asked(store: Store) -> None:
    profile = store.create_profile("김영희", condition="stroke")
    clinic = store.add_clinic(profile.id, "강남 클리닉", appointment="2027-05-02T14:00")
    named = _event(consultation_calendar(store.profile(profile.id), clinic, with_name=True, language="ko"))
    assert str(named["SUMMARY"]) == "상담: 강남 클리닉 (김영희)"
    assert "한국 시간" in str(named["DESCRIPTION"])
    again = _event(consultation_calendar(store.profile(profile.id), clinic))
    assert again["UID"] == named["UID"]  # importing a newer file updates the same event


def test_a_day_without_a_time_is_an_all_day_event(store: Store) -> None:
    profile = store.create_profile("Olga", condition="stroke")
    clinic = store.add_clinic(profile.id, "Busan Clinic", appointment="2027-06-01")
    event = _event(consultation_calendar(store.profile(profile.id), clinic))
    assert event.decoded("DTSTART") == date(2027, 6, 1)
    assert event.decoded("DTEND") == date(2027, 6, 2)
    assert "LOCATION" not in event
    assert calendar_file_name(clinic) == "consultation-2027-06-01-Busan-Clinic.ics"


def test_a_clinic_with_no_appointment_gets_one_sentence(store: Store) -> None:
    profile = store.create_profile("Olga", condition="stroke")
    clinic = store.add_clinic(profile.id, "Busan Clinic")
    with pytest.raises(NoAppointment, match=r"^No consultation is booked with Busan Clinic yet; .*\.$"):
        consultation_calendar(store.profile(profile.id), clinic)


def test_names_with_control_characters_go_in_as_one_line_of_text(store: Store) -> None:
    profile = store.create_profile("Kim\x00\x1b[31m", condition="stroke")
    clinic = store.add_clinic(profile.id, "Clinic\tOne\x00\nSeoul", appointment="2027-05-02T14:00",
                              appointment_place="Floor 2\r\nRoom\x075", interpreter="Ms\x1b Lee")
    data = consultation_calendar(store.profile(profile.id), clinic, with_name=True)
    assert not any(byte < 0x20 and byte not in b"\r\n" for byte in data)  # no control character but line ends
    event = _event(data)
    assert str(event["SUMMARY"]) == "Consultation: Clinic One Seoul (Kim [31m)"
    assert str(event["LOCATION"]) == "Floor 2 Room 5"
    assert "Interpreter: Ms Lee" in str(event["DESCRIPTION"])
