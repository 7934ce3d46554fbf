<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About StemPrep</source>
        <translation>StemPrep 정보</translation>
    </message>
    <message>
        <source>SIL Open Font License 1.1, full text</source>
        <translation>SIL 오픈 폰트 라이선스 1.1 전문</translation>
    </message>
    <message>
        <source>NanumGothic&apos;s &amp;licence, in full:</source>
        <translation>나눔고딕 라이선스 전문(&amp;L):</translation>
    </message>
    <message>
        <source>StemPrep&apos;s icon</source>
        <translation>StemPrep 아이콘</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>정보(&amp;A)</translation>
    </message>
    <message>
        <source>L&amp;icences</source>
        <translation>라이선스(&amp;I)</translation>
    </message>
    <message>
        <source>About &amp;Qt…</source>
        <translation>Qt 정보(&amp;Q)…</translation>
    </message>
    <message>
        <source>StemPrep {version}</source>
        <translation>StemPrep {version}</translation>
    </message>
    <message>
        <source>Prepare for a stem cell therapy consultation in South Korea: the questions to ask, the answers you were given, the warning signs, and a question sheet in English and Korean.</source>
        <translation>한국에서 받는 줄기세포 치료 상담을 준비합니다. 물어볼 질문, 병원에서 받은 답변, 주의해야 할 위험 신호, 그리고 영어와 한국어로 된 질문지를 제공합니다.</translation>
    </message>
    <message>
        <source>StemPrep gives no medical advice.</source>
        <translation>StemPrep은 의학적 조언을 제공하지 않습니다.</translation>
    </message>
    <message>
        <source>It helps you ask questions and shows where each fact comes from. Whether a treatment is right for you is for you to decide with your own doctor.</source>
        <translation>질문하는 것을 돕고 각 정보의 출처를 보여 줄 뿐입니다. 치료가 본인에게 적합한지는 본국 주치의와 상의하여 직접 결정하십시오.</translation>
    </message>
    <message>
        <source>Your information stays on this computer; StemPrep makes no network connections.</source>
        <translation>입력한 정보는 이 컴퓨터에만 저장되며, StemPrep은 네트워크에 연결하지 않습니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;StemPrep&lt;/b&gt;: MIT License.</source>
        <translation>&lt;b&gt;StemPrep&lt;/b&gt;: MIT 라이선스.</translation>
    </message>
    <message>
        <source>&lt;b&gt;NanumGothic&lt;/b&gt; font, © NAVER Corporation: SIL Open Font License 1.1 (the full text is below).</source>
        <translation>&lt;b&gt;나눔고딕&lt;/b&gt; 글꼴, © NAVER Corporation: SIL 오픈 폰트 라이선스 1.1 (전문은 아래에 있습니다).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Qt {qt} and Qt for Python (PySide6) {pyside}&lt;/b&gt;: GNU Lesser General Public License version 3 (LGPL-3.0).</source>
        <translation>&lt;b&gt;Qt {qt} 및 Qt for Python(PySide6) {pyside}&lt;/b&gt;: GNU 약소 일반 공중 사용 허가서 버전 3(LGPL-3.0).</translation>
    </message>
    <message>
        <source>&lt;b&gt;ReportLab&lt;/b&gt; (the PDF sheet): BSD License.</source>
        <translation>&lt;b&gt;ReportLab&lt;/b&gt;(PDF 질문지): BSD 라이선스.</translation>
    </message>
    <message>
        <source>&lt;b&gt;sqlite-utils&lt;/b&gt;: Apache License 2.0. &lt;b&gt;pydantic&lt;/b&gt; and &lt;b&gt;platformdirs&lt;/b&gt;: MIT License.</source>
        <translation>&lt;b&gt;sqlite-utils&lt;/b&gt;: 아파치 라이선스 2.0. &lt;b&gt;pydantic&lt;/b&gt; 및 &lt;b&gt;platformdirs&lt;/b&gt;: MIT 라이선스.</translation>
    </message>
</context>
<context>
    <name>AgencyDetailsAction</name>
    <message>
        <source>&amp;Agency details…</source>
        <translation>에이전시 정보(&amp;A)…</translation>
    </message>
    <message>
        <source>The agency printed at the bottom of every question sheet</source>
        <translation>모든 질문지 하단에 인쇄되는 에이전시</translation>
    </message>
    <message>
        <source>Saved. Every sheet now names {agency} at the bottom.</source>
        <translation>저장했습니다. 이제 모든 질문지 하단에 {agency}이(가) 표시됩니다.</translation>
    </message>
    <message>
        <source>Saved. Sheets no longer name an agency.</source>
        <translation>저장했습니다. 이제 질문지에 에이전시가 표시되지 않습니다.</translation>
    </message>
</context>
<context>
    <name>AppointmentEdit</name>
    <message>
        <source>Boo&amp;ked</source>
        <extracomment>Shown for a booked consultation whose time is not known yet: the time box at midnight.</extracomment>
        <translation>예약됨(&amp;K)</translation>
    </message>
    <message>
        <source>A consultation is booked with this clinic</source>
        <translation>이 병원에 상담이 예약되어 있습니다</translation>
    </message>
    <message>
        <source>Day of the consultation</source>
        <translation>상담 날짜</translation>
    </message>
    <message>
        <source>time not known</source>
        <translation>시간 미정</translation>
    </message>
    <message>
        <source>Time of the consultation (Korean time)</source>
        <translation>상담 시간(한국 시간)</translation>
    </message>
    <message>
        <source>Korean time. Leave at “time not known” until the clinic confirms it.</source>
        <translation>한국 시간입니다. 병원이 확정할 때까지 “시간 미정”으로 두십시오.</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>&lt;b&gt;Problem:&lt;/b&gt;</source>
        <translation>&lt;b&gt;문제:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Problem message</source>
        <translation>문제 내용</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Dismiss the problem message</source>
        <translation>문제 메시지 닫기</translation>
    </message>
</context>
<context>
    <name>Batch</name>
    <message>
        <source>Choose the folder for the sheets</source>
        <translation>질문지를 저장할 폴더 선택</translation>
    </message>
    <message>
        <source>StemPrep sheets {date}</source>
        <translation>StemPrep 질문지 {date}</translation>
    </message>
</context>
<context>
    <name>BatchActions</name>
    <message>
        <source>&amp;Print sheets for many patients…</source>
        <extracomment>The folder the last batch went into, so the next one starts beside it.</extracomment>
        <translation>여러 환자의 질문지 인쇄(&amp;P)…</translation>
    </message>
    <message>
        <source>One question sheet per patient, as PDF files in a folder</source>
        <translation>환자마다 질문지 한 부씩, 폴더에 PDF 파일로 저장합니다</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <source>Print sheets for many patients</source>
        <extracomment>Makes the worker; replace it (a process runner, a test double) without touching the dialog. The batch ended; the `BatchResult` (tests and the window may listen). The pages the batch would print are counted (the number).</extracomment>
        <translation>여러 환자의 질문지 인쇄</translation>
    </message>
    <message>
        <source>StemPrep writes one question sheet (a PDF file) per patient into a folder; you can then print them all at once. A sheet already in the folder for the same patient is replaced.</source>
        <translation>StemPrep이 환자마다 질문지(PDF 파일)를 한 부씩 폴더에 저장합니다. 그다음 한꺼번에 인쇄할 수 있습니다. 폴더에 같은 환자의 질문지가 이미 있으면 새 질문지로 바뀝니다.</translation>
    </message>
    <message>
        <source>Which patients</source>
        <translation>대상 환자</translation>
    </message>
    <message>
        <source>&amp;All patients ({count})</source>
        <translation>모든 환자(&amp;A) ({count}명)</translation>
    </message>
    <message>
        <source>All patients</source>
        <translation>모든 환자</translation>
    </message>
    <message>
        <source>&amp;Only those in the list now ({count}, as searched and filtered)</source>
        <translation>지금 목록에 있는 환자만(&amp;O) ({count}명, 검색 및 필터 적용)</translation>
    </message>
    <message>
        <source>Only the patients the list shows now</source>
        <translation>지금 목록에 표시된 환자만</translation>
    </message>
    <message>
        <source>Your name, birth year, contact and notes are left out, and the files are named by patient number.</source>
        <translation>이름, 출생 연도, 연락처, 메모를 빼고, 파일 이름에는 환자 번호를 씁니다.</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>One PDF &amp;per patient</source>
        <translation>환자마다 PDF 하나(&amp;P)</translation>
    </message>
    <message>
        <source>One PDF per patient</source>
        <translation>환자마다 PDF 하나</translation>
    </message>
    <message>
        <source>All &amp;in one PDF ({name})</source>
        <translation>모두 PDF 하나로(&amp;I) ({name})</translation>
    </message>
    <message>
        <source>All sheets in one PDF</source>
        <translation>모든 질문지를 PDF 하나로</translation>
    </message>
    <message>
        <source>Pages to print</source>
        <translation>인쇄할 쪽수</translation>
    </message>
    <message>
        <source>Folder for the sheets</source>
        <translation>질문지를 저장할 폴더</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>폴더(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>선택(&amp;C)…</translation>
    </message>
    <message>
        <source>Choose the folder for the sheets</source>
        <translation>질문지를 저장할 폴더 선택</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>&amp;Write the sheets</source>
        <translation>질문지 만들기(&amp;W)</translation>
    </message>
    <message>
        <source>Write the sheets</source>
        <translation>질문지 만들기</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Close without writing sheets</source>
        <translation>질문지를 만들지 않고 닫기</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>진행 상황</translation>
    </message>
    <message>
        <source>Sheets written</source>
        <translation>만든 질문지</translation>
    </message>
    <message>
        <source>Stop finishes the sheet being written first, so no sheet is left half-written.</source>
        <translation>중지를 누르면 지금 만드는 질문지까지 마친 뒤 멈추므로, 반쯤 만들어진 질문지는 남지 않습니다.</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>중지(&amp;S)</translation>
    </message>
    <message>
        <source>Stop after the sheet being written now</source>
        <translation>지금 만들고 있는 질문지까지만 만들고 중지</translation>
    </message>
    <message>
        <source>What was written</source>
        <translation>만든 결과</translation>
    </message>
    <message>
        <source>Sheets that could not be written, with the reason</source>
        <translation>만들지 못한 질문지와 그 이유</translation>
    </message>
    <message>
        <source>These sheets could not be written:</source>
        <translation>다음 질문지를 만들지 못했습니다:</translation>
    </message>
    <message>
        <source>&amp;Open the folder</source>
        <translation>폴더 열기(&amp;O)</translation>
    </message>
    <message>
        <source>Open the folder with the sheets</source>
        <translation>질문지가 있는 폴더 열기</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Counting the pages to print…</source>
        <translation>인쇄할 쪽수를 세는 중입니다…</translation>
    </message>
    <message>
        <source>About {pages} pages in all, for {patients} patients (from the first {counted}).</source>
        <translation>환자 {patients}명, 모두 약 {pages}쪽입니다(처음 {counted}명 기준 추정).</translation>
    </message>
    <message>
        <source>{pages} pages in all, for 1 patient.</source>
        <translation>환자 1명, 모두 {pages}쪽입니다.</translation>
    </message>
    <message>
        <source>{pages} pages in all, for {patients} patients.</source>
        <translation>환자 {patients}명, 모두 {pages}쪽입니다.</translation>
    </message>
    <message>
        <source>Choose a folder for the sheets first.</source>
        <translation>먼저 질문지를 저장할 폴더를 선택하십시오.</translation>
    </message>
    <message>
        <source>Stopping after the sheet being written now…</source>
        <translation>지금 만들고 있는 질문지까지만 만들고 중지하는 중…</translation>
    </message>
    <message>
        <source>Written {done} of {total} sheets…</source>
        <translation>질문지 {total}부 중 {done}부를 만들었습니다…</translation>
    </message>
    <message>
        <source>Problem: {sentence}</source>
        <translation>문제: {sentence}</translation>
    </message>
    <message>
        <source>1 sheet was written to {folder}.</source>
        <translation>질문지 1부를 {folder}에 만들었습니다.</translation>
    </message>
    <message>
        <source>{count} sheets were written to {folder}.</source>
        <translation>질문지 {count}부를 {folder}에 만들었습니다.</translation>
    </message>
    <message>
        <source>{pages} pages in all.</source>
        <translation>모두 {pages}쪽입니다.</translation>
    </message>
    <message>
        <source>You stopped the batch before the end; no sheet was left half-written.</source>
        <translation>끝나기 전에 중지했습니다. 만들다 만 질문지는 남아 있지 않습니다.</translation>
    </message>
    <message>
        <source>1 sheet could not be written.</source>
        <translation>질문지 1부를 만들지 못했습니다.</translation>
    </message>
    <message>
        <source>{count} sheets could not be written.</source>
        <translation>질문지 {count}부를 만들지 못했습니다.</translation>
    </message>
    <message>
        <source>No patients match, so no sheets were written.</source>
        <translation>해당하는 환자가 없어 질문지를 만들지 않았습니다.</translation>
    </message>
    <message>
        <source>{patient}: {reason}</source>
        <translation>{patient}: {reason}</translation>
    </message>
    <message>
        <source>Patient {number}</source>
        <translation>환자 {number}</translation>
    </message>
    <message>
        <source>The folder could not be opened from here; it is {folder}.</source>
        <translation>여기에서 폴더를 열 수 없습니다. 폴더 위치는 {folder}입니다.</translation>
    </message>
</context>
<context>
    <name>CalendarDialog</name>
    <message>
        <source>Add to calendar</source>
        <translation>캘린더에 추가</translation>
    </message>
    <message>
        <source>StemPrep saves a calendar file (.ics) for the consultation with {clinic}: the day and time (Korean time), the place and the interpreter. Open it with your calendar, or send it to your phone. Nothing else about you goes into it.</source>
        <translation>StemPrep이 {clinic} 상담의 캘린더 파일(.ics)을 저장합니다. 파일에는 날짜와 시간(한국 시간), 장소, 통역만 들어갑니다. 캘린더 앱으로 열거나 휴대전화로 보내십시오. 그 밖의 개인 정보는 들어가지 않습니다.</translation>
    </message>
    <message>
        <source>Put my &amp;name in the calendar entry</source>
        <translation>캘린더 일정에 제 이름 넣기(&amp;N)</translation>
    </message>
    <message>
        <source>Leave it out if others can see your calendar.</source>
        <translation>다른 사람이 캘린더를 볼 수 있다면 넣지 마십시오.</translation>
    </message>
    <message>
        <source>Choose where to save…</source>
        <translation>저장할 위치 선택…</translation>
    </message>
    <message>
        <source>Save the calendar file</source>
        <translation>캘린더 파일 저장</translation>
    </message>
    <message>
        <source>Calendar files (*.ics)</source>
        <translation>캘린더 파일 (*.ics)</translation>
    </message>
</context>
<context>
    <name>Checklist</name>
    <message>
        <source>To ask</source>
        <extracomment>An answer&apos;s status in words (translated in the &quot;Checklist&quot; context).</extracomment>
        <translation>물어볼 것</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>물어봄</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>답변 받음</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>건너뜀</translation>
    </message>
    <message>
        <source>Yes</source>
        <extracomment>A yes/no answer&apos;s value in words.</extracomment>
        <translation>예</translation>
    </message>
    <message>
        <source>No</source>
        <translation>아니요</translation>
    </message>
    <message>
        <source>Not sure</source>
        <translation>잘 모름</translation>
    </message>
    <message>
        <source>Refused to answer</source>
        <translation>답변 거부</translation>
    </message>
</context>
<context>
    <name>ClinicFlagsPanel</name>
    <message>
        <source>Red flags for this clinic</source>
        <translation>이 병원의 위험 신호</translation>
    </message>
    <message>
        <source>Not a concern…</source>
        <translation>문제없음…</translation>
    </message>
    <message>
        <source>Mark the chosen red flag as not a concern</source>
        <translation>고른 위험 신호를 문제없음으로 표시</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>되돌리기</translation>
    </message>
    <message>
        <source>Restore the chosen red flag</source>
        <translation>고른 위험 신호 되돌리기</translation>
    </message>
    <message>
        <source>Red flags at this clinic: {count}</source>
        <translation>이 병원의 위험 신호: {count}개</translation>
    </message>
    <message>
        <source>No red flags at this clinic so far.</source>
        <translation>지금까지 이 병원에는 위험 신호가 없습니다.</translation>
    </message>
    <message>
        <source> ({count} not a concern)</source>
        <translation> (문제없음 {count}개)</translation>
    </message>
    <message>
        <source> (question {number})</source>
        <translation> (질문 {number})</translation>
    </message>
    <message>
        <source> (clinic details)</source>
        <translation> (병원 정보)</translation>
    </message>
    <message>
        <source>Not a concern: {title}{where}</source>
        <translation>문제없음: {title}{where}</translation>
    </message>
    <message>
        <source>Your note: {note}</source>
        <translation>메모: {note}</translation>
    </message>
</context>
<context>
    <name>ClinicListModel</name>
    <message>
        <source>Consultation: {when}</source>
        <translation>상담: {when}</translation>
    </message>
    <message>
        <source>1 red flag</source>
        <translation>위험 신호 1개</translation>
    </message>
    <message>
        <source>{count} red flags</source>
        <translation>위험 신호 {count}개</translation>
    </message>
</context>
<context>
    <name>ClinicsStep</name>
    <message>
        <source>Clinics considered</source>
        <translation>고려 중인 병원</translation>
    </message>
    <message>
        <source>&amp;Add a clinic</source>
        <translation>병원 추가(&amp;A)</translation>
    </message>
    <message>
        <source>Add a clinic</source>
        <translation>병원 추가</translation>
    </message>
    <message>
        <source>D&amp;elete…</source>
        <translation>삭제(&amp;E)…</translation>
    </message>
    <message>
        <source>Delete the selected clinic</source>
        <translation>선택한 병원 삭제</translation>
    </message>
    <message>
        <source>Clinics you are considering:</source>
        <translation>고려 중인 병원:</translation>
    </message>
    <message>
        <source>Clinic name</source>
        <translation>병원 이름</translation>
    </message>
    <message>
        <source>City</source>
        <translation>도시</translation>
    </message>
    <message>
        <source>e.g. Seoul, Busan</source>
        <translation>예: 서울, 부산</translation>
    </message>
    <message>
        <source>Clinic contact</source>
        <translation>병원 연락처</translation>
    </message>
    <message>
        <source>Phone, e-mail or website</source>
        <translation>전화번호, 이메일 또는 웹사이트</translation>
    </message>
    <message>
        <source>Facilitator or agency</source>
        <translation>유치업자 또는 에이전시</translation>
    </message>
    <message>
        <source>Who introduced you to this clinic, if anyone</source>
        <translation>이 병원을 소개한 사람이나 업체가 있다면 적으십시오</translation>
    </message>
    <message>
        <source>Treatment offered</source>
        <translation>제안받은 치료</translation>
    </message>
    <message>
        <source>What the clinic says it will do</source>
        <translation>병원이 하겠다고 설명한 치료</translation>
    </message>
    <message>
        <source>Cell source</source>
        <translation>세포 출처</translation>
    </message>
    <message>
        <source>e.g. your own fat tissue, donor umbilical cord</source>
        <translation>예: 본인의 지방 조직, 공여자의 제대(탯줄)</translation>
    </message>
    <message>
        <source>Quoted price</source>
        <translation>안내받은 비용</translation>
    </message>
    <message>
        <source>e.g. 12,000,000</source>
        <translation>예: 12,000,000</translation>
    </message>
    <message>
        <source>Currency of the quoted price</source>
        <translation>안내받은 비용의 통화</translation>
    </message>
    <message>
        <source>Where the consultation is</source>
        <translation>상담 장소</translation>
    </message>
    <message>
        <source>Building, floor, desk to ask for</source>
        <translation>건물, 층, 찾아갈 창구</translation>
    </message>
    <message>
        <source>Interpreter for the consultation</source>
        <translation>상담 통역</translation>
    </message>
    <message>
        <source>Who interprets: the clinic&apos;s, the agency&apos;s, a relative</source>
        <translation>통역하는 사람: 병원 의료통역사, 유치업자 측, 가족</translation>
    </message>
    <message>
        <source>Add to calendar…</source>
        <translation>캘린더에 추가…</translation>
    </message>
    <message>
        <source>Save the consultation as a calendar file</source>
        <translation>상담 일정을 캘린더 파일로 저장</translation>
    </message>
    <message>
        <source>A calendar file (.ics) with the day, time, place and interpreter, for your phone or computer</source>
        <translation>날짜, 시간, 장소, 통역이 담긴 캘린더 파일(.ics)입니다. 휴대전화나 컴퓨터의 캘린더에서 열 수 있습니다.</translation>
    </message>
    <message>
        <source>Credentials the clinic claims</source>
        <translation>병원이 내세우는 자격</translation>
    </message>
    <message>
        <source>e.g. &quot;designated regenerative medicine institution&quot;, &quot;MFDS approved&quot; — write it as they said it</source>
        <translation>예: &quot;첨단재생의료실시기관&quot;, &quot;식약처 허가&quot; — 병원이 말한 그대로 적으십시오</translation>
    </message>
    <message>
        <source>Notes about the clinic</source>
        <translation>병원에 관한 메모</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>이름(&amp;M):</translation>
    </message>
    <message>
        <source>C&amp;ity:</source>
        <translation>도시(&amp;I):</translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation>연락처(&amp;C):</translation>
    </message>
    <message>
        <source>Facilitato&amp;r:</source>
        <translation>유치업자(&amp;R):</translation>
    </message>
    <message>
        <source>Consultation:</source>
        <translation>상담:</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>장소:</translation>
    </message>
    <message>
        <source>Interpreter:</source>
        <translation>통역:</translation>
    </message>
    <message>
        <source>Treatme&amp;nt offered:</source>
        <translation>제안받은 치료(&amp;N):</translation>
    </message>
    <message>
        <source>Currency:</source>
        <translation>통화:</translation>
    </message>
    <message>
        <source>Credentials claimed:</source>
        <translation>내세우는 자격:</translation>
    </message>
    <message>
        <source>Saved the consultation as a calendar file: {path}</source>
        <translation>상담 일정을 캘린더 파일로 저장했습니다: {path}</translation>
    </message>
    <message>
        <source>Cell &amp;source:</source>
        <translation>세포 출처(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Quoted price:</source>
        <translation>안내받은 비용(&amp;Q):</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>메모:</translation>
    </message>
    <message>
        <source>No clinics yet. Press “Add a clinic” for each clinic or hospital you are considering; you can then prepare questions for each of them.</source>
        <translation>아직 병원이 없습니다. 고려 중인 병원마다 “병원 추가”를 누르십시오. 그러면 병원별로 질문을 준비할 수 있습니다.</translation>
    </message>
    <message>
        <source>Clinics compared side by side</source>
        <translation>병원 나란히 비교</translation>
    </message>
    <message>
        <source>The essential questions, clinic by clinic. A red flag is marked “▲ Serious red flag” or “▲ Warning”; questions not yet put to a clinic say “not asked”.</source>
        <translation>필수 질문에 대한 병원별 답변입니다. 위험 신호는 “▲ 심각한 위험 신호” 또는 “▲ 주의”로 표시되며, 아직 병원에 묻지 않은 질문은 “묻지 않음”으로 표시됩니다.</translation>
    </message>
    <message>
        <source>Clinic details</source>
        <translation>병원 정보</translation>
    </message>
    <message>
        <source>Compare side b&amp;y side</source>
        <translation>나란히 비교(&amp;Y)</translation>
    </message>
    <message>
        <source>Clinic {number}</source>
        <translation>병원 {number}</translation>
    </message>
    <message>
        <source>Delete the clinic “{name}” and every answer recorded for it from this computer?

This cannot be undone.</source>
        <translation>병원 “{name}”과(와) 이 병원에 대해 기록한 모든 답변을 이 컴퓨터에서 삭제하시겠습니까?

삭제하면 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
</context>
<context>
    <name>ComparisonModel</name>
    <message>
        <source>Question</source>
        <extracomment>Longest answer text shown in a cell; the whole answer is in the tooltip. The facts about each clinic that head the comparison, before the questions. Longest clinic name in a column header (headers do not wrap); the whole name is in the tooltip.</extracomment>
        <translation>질문</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>정보 없음</translation>
    </message>
    <message>
        <source>The clinic has not said.</source>
        <translation>병원이 아직 알려 주지 않았습니다.</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>건너뜀</translation>
    </message>
    <message>
        <source>asked, answer not noted</source>
        <translation>물어봄, 답변 기록 없음</translation>
    </message>
    <message>
        <source>not asked</source>
        <translation>묻지 않음</translation>
    </message>
    <message>
        <source>(worries me)</source>
        <translation>(우려됨)</translation>
    </message>
    <message>
        <source>You marked this answer as worrying.</source>
        <translation>이 답변을 우려되는 답변으로 표시했습니다.</translation>
    </message>
    <message>
        <source>{price} (currency not given)</source>
        <translation>{price} (통화 미기재)</translation>
    </message>
    <message>
        <source>≈ {amount} {home} (1 {home} = {rate} {currency} on {day})</source>
        <translation>≈ {amount} {home} ({day} 기준 1 {home} = {rate} {currency})</translation>
    </message>
</context>
<context>
    <name>CustomQuestionDialog</name>
    <message>
        <source>Add your own question</source>
        <translation>직접 질문 추가</translation>
    </message>
    <message>
        <source>Your question in English</source>
        <translation>영어로 쓴 질문</translation>
    </message>
    <message>
        <source>For example: Can I speak to a patient you treated?</source>
        <translation>예: Can I speak to a patient you treated?</translation>
    </message>
    <message>
        <source>Your question in Korean (optional)</source>
        <translation>한국어로 쓴 질문(선택 사항)</translation>
    </message>
    <message>
        <source>Optional: the same question in Korean</source>
        <translation>선택 사항: 같은 질문을 한국어로</translation>
    </message>
    <message>
        <source>In &amp;English:</source>
        <translation>영어(&amp;E):</translation>
    </message>
    <message>
        <source>In &amp;Korean:</source>
        <translation>한국어(&amp;K):</translation>
    </message>
    <message>
        <source>It is added to the checklist of every clinic for this patient.</source>
        <translation>이 환자의 모든 병원 질문 목록에 추가됩니다.</translation>
    </message>
    <message>
        <source>Add question</source>
        <translation>질문 추가</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Please confirm</source>
        <translation>확인해 주십시오</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>StemPrep</source>
        <translation>StemPrep</translation>
    </message>
    <message>
        <source>Save the question sheet</source>
        <translation>질문지 저장</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 파일 (*.pdf)</translation>
    </message>
    <message>
        <source>Print the question sheet</source>
        <translation>질문지 인쇄</translation>
    </message>
</context>
<context>
    <name>DismissFlagDialog</name>
    <message>
        <source>Not a concern</source>
        <extracomment>Longest clinic name in the red-flag heading beside the list (the clinic box shows it all). Longest note kept with a dismissed flag: a few words, not a letter.</extracomment>
        <translation>문제없음으로 표시</translation>
    </message>
    <message>
        <source>Why is “{flag}” not a concern at this clinic?</source>
        <translation>이 병원에서 “{flag}”이(가) 문제가 되지 않는 이유는 무엇입니까?</translation>
    </message>
    <message>
        <source>Why it is not a concern</source>
        <translation>문제가 되지 않는 이유</translation>
    </message>
    <message>
        <source>For example: they showed me the approval letter</source>
        <translation>예: 승인 문서를 보여 주었습니다</translation>
    </message>
</context>
<context>
    <name>DoctorView</name>
    <message>
        <source>Please type your answer in the box below.</source>
        <extracomment>The key in the Questions step that opens this view. Next / previous question: the arrows when the answer box does not have the focus; Alt+arrows always.</extracomment>
        <translation>아래 칸에 답변을 입력해 주십시오.</translation>
    </message>
    <message>
        <source>&amp;Answer</source>
        <translation>답변(&amp;A)</translation>
    </message>
    <message>
        <source>Question {number} of {total}</source>
        <translation>질문 {number} / {total}</translation>
    </message>
    <message>
        <source>Thank you. Your answer is saved as you type.</source>
        <translation>감사합니다. 입력하시는 내용은 바로 저장됩니다.</translation>
    </message>
    <message>
        <source>Show the doctor</source>
        <extracomment>The view closed (Esc or Done); the step is on the question the view showed last.</extracomment>
        <translation>의사에게 보여 주기</translation>
    </message>
    <message>
        <source>The clinic&apos;s answer in their own words</source>
        <translation>병원 측 답변(말씀하신 그대로)</translation>
    </message>
    <message>
        <source>Previous question</source>
        <translation>이전 질문</translation>
    </message>
    <message>
        <source>Next question</source>
        <translation>다음 질문</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Back to the questions</source>
        <translation>질문 단계로 돌아가기</translation>
    </message>
    <message>
        <source>Question in Korean</source>
        <translation>한국어 질문</translation>
    </message>
    <message>
        <source>Question in English</source>
        <translation>영어 질문</translation>
    </message>
</context>
<context>
    <name>DocumentChecklist</name>
    <message>
        <source>Documents to bring</source>
        <extracomment>A tick could not be saved; one sentence. A tick was saved.</extracomment>
        <translation>가져갈 서류</translation>
    </message>
    <message>
        <source>Tick each one off when it is packed. Copies are fine unless the clinic asks for originals.</source>
        <translation>챙긴 서류는 하나씩 표시하십시오. 병원이 원본을 요청하지 않는 한 사본도 괜찮습니다.</translation>
    </message>
</context>
<context>
    <name>ExchangeRatesDialog</name>
    <message>
        <source>Exchange rates</source>
        <translation>환율</translation>
    </message>
    <message>
        <source>Your own currency</source>
        <translation>사용하시는 통화</translation>
    </message>
    <message>
        <source>Exchange rates you entered</source>
        <translation>입력하신 환율</translation>
    </message>
    <message>
        <source>&amp;Add a rate</source>
        <translation>환율 추가(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove the rate</source>
        <translation>환율 삭제(&amp;R)</translation>
    </message>
    <message>
        <source>StemPrep never looks up exchange rates on the internet. Type a rate from your bank or a newspaper and the day it was given. The comparison of clinics then shows each price as quoted and, under it, in your own currency with that rate and day. Prices in a currency without a rate stay as quoted.</source>
        <translation>StemPrep은 인터넷에서 환율을 조회하지 않습니다. 은행이나 신문에서 본 환율과 그 날짜를 입력하십시오. 그러면 병원 비교에서 각 비용이 안내받은 그대로 표시되고, 그 아래에 사용하시는 통화로 환산한 금액이 환율과 날짜와 함께 표시됩니다. 환율이 없는 통화의 비용은 안내받은 그대로 표시됩니다.</translation>
    </message>
    <message>
        <source>Your &amp;currency:</source>
        <translation>사용하시는 통화(&amp;C):</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>통화</translation>
    </message>
    <message>
        <source>1 {home} is worth</source>
        <translation>1 {home}의 가치</translation>
    </message>
    <message>
        <source>Day of the rate</source>
        <translation>환율 기준일</translation>
    </message>
    <message>
        <source>Choose your own currency, like USD.</source>
        <translation>사용하시는 통화를 선택하십시오(예: USD).</translation>
    </message>
    <message>
        <source>The rate for {currency} must be a number, like 1390.</source>
        <translation>{currency} 환율은 1390과 같은 숫자여야 합니다.</translation>
    </message>
    <message>
        <source>&amp;Exchange rates…</source>
        <translation>환율(&amp;E)…</translation>
    </message>
</context>
<context>
    <name>FacilitatorDialog</name>
    <message>
        <source>Agency details</source>
        <extracomment>Longest values accepted: the footer has room for one or two lines, not a paragraph.</extracomment>
        <translation>에이전시 정보</translation>
    </message>
    <message>
        <source>If you prepare patients for a medical-travel agency, its details are printed at the bottom of every question sheet, so a clinic knows who prepared the patient. Leave the agency name empty to print none.</source>
        <translation>의료관광 에이전시를 위해 환자를 준비시키는 경우, 에이전시 정보가 모든 질문지 하단에 인쇄되어 병원이 누가 환자를 준비시켰는지 알 수 있습니다. 인쇄하지 않으려면 에이전시 이름을 비워 두십시오.</translation>
    </message>
    <message>
        <source>Agency name</source>
        <translation>에이전시 이름</translation>
    </message>
    <message>
        <source>For example: Seoul Care Travel</source>
        <translation>예: Seoul Care Travel</translation>
    </message>
    <message>
        <source>Registration number</source>
        <translation>등록번호</translation>
    </message>
    <message>
        <source>Foreign-patient facilitator registration (유치업자 등록번호)</source>
        <translation>외국인환자 유치업자 등록번호</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>연락처</translation>
    </message>
    <message>
        <source>Phone or email</source>
        <translation>전화번호 또는 이메일</translation>
    </message>
    <message>
        <source>&amp;Agency name:</source>
        <translation>에이전시 이름(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Registration number:</source>
        <translation>등록번호(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation>연락처(&amp;C):</translation>
    </message>
    <message>
        <source>The registration number is the one the Korean authorities gave the agency as a foreign-patient facilitator. These details are kept on this computer only.</source>
        <translation>등록번호는 한국 당국이 외국인환자 유치업자로 등록하면서 에이전시에 부여한 번호입니다. 이 정보는 이 컴퓨터에만 저장됩니다.</translation>
    </message>
    <message>
        <source>Save the agency details</source>
        <translation>에이전시 정보 저장</translation>
    </message>
    <message>
        <source>Cancel without saving</source>
        <translation>저장하지 않고 취소</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>StemPrep guide</source>
        <extracomment>The licence of the bundled fonts, shown in full in About.</extracomment>
        <translation>StemPrep 사용 안내</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>사용 안내</translation>
    </message>
    <message>
        <source>&lt;b&gt;Profile&lt;/b&gt;: who the patient is — the condition and how severe it is, current medicines, allergies, and what you hope the treatment will do. A clinic needs this before it can answer your questions.</source>
        <translation>&lt;b&gt;프로필&lt;/b&gt;: 환자에 관한 정보입니다. 질환과 그 정도, 복용 중인 약, 알레르기, 치료로 기대하는 점을 적습니다. 병원은 이 정보가 있어야 질문에 답할 수 있습니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Clinics&lt;/b&gt;: each clinic or hospital you are considering, and what it offers — the treatment, where the cells come from, the price and the credentials it claims. The second tab puts the clinics side by side.</source>
        <translation>&lt;b&gt;병원&lt;/b&gt;: 고려 중인 병원과 각 병원이 제안하는 내용입니다. 치료 방법, 세포의 출처, 비용, 병원이 내세우는 자격을 적습니다. 두 번째 탭에서는 병원들을 나란히 비교합니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Questions&lt;/b&gt;: the questions to ask each clinic, in English and Korean, one at a time. Record what the clinic said; every answer is saved as you type. Press {doctor} to show the question full screen in large Korean, so the doctor can read it and type the answer; {back} comes back.</source>
        <translation>&lt;b&gt;질문&lt;/b&gt;: 병원마다 물어볼 질문을 영어와 한국어로 하나씩 보여 줍니다. 병원의 답변을 기록하십시오. 모든 답변은 입력하는 대로 저장됩니다. {doctor} 키를 누르면 질문이 전체 화면에 큰 한국어 글씨로 표시되어 의사가 읽고 답변을 입력할 수 있습니다. {back} 키를 누르면 돌아옵니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sheet&lt;/b&gt;: print what you take to the consultation, or save it as a PDF. The &lt;b&gt;doctor copy&lt;/b&gt; is for one clinic: Korean first, a one-page summary of you, then your picked questions with room for the answers, and nothing private. &lt;b&gt;My notebook&lt;/b&gt; is yours: red flags, worries and the documents to bring first, then the clinics compared and the answers so far. The &lt;b&gt;full checklist&lt;/b&gt; has every question.</source>
        <translation>&lt;b&gt;질문지&lt;/b&gt;: 상담에 가져갈 것을 인쇄하거나 PDF로 저장합니다. &lt;b&gt;의사용 사본&lt;/b&gt;은 한 병원용으로, 한국어가 먼저 나오고 환자 요약 한 쪽과 고른 질문, 답변을 적을 칸이 있으며 개인적인 내용은 넣지 않습니다. &lt;b&gt;제 기록&lt;/b&gt;은 본인용으로, 위험 신호, 우려 사항, 준비할 서류가 먼저 나오고 병원 비교와 지금까지의 답변이 이어집니다. &lt;b&gt;전체 질문 목록&lt;/b&gt;에는 모든 질문이 들어갑니다.</translation>
    </message>
    <message>
        <source>Using StemPrep</source>
        <translation>StemPrep 사용 방법</translation>
    </message>
    <message>
        <source>StemPrep helps you prepare for a consultation about stem cell treatment in South Korea. It does not give medical advice: it helps you ask good questions and keep the answers.</source>
        <translation>StemPrep은 한국에서 받는 줄기세포 치료 상담을 준비하도록 돕습니다. 의학적 조언은 제공하지 않으며, 좋은 질문을 하고 답변을 기록하도록 도와줍니다.</translation>
    </message>
    <message>
        <source>The four steps</source>
        <translation>네 단계</translation>
    </message>
    <message>
        <source>Move between the steps with the buttons at the top, with Back and Next at the bottom, or with {keys}.</source>
        <translation>위쪽의 단계 버튼, 아래쪽의 이전·다음 버튼 또는 {keys} 키로 단계를 이동합니다.</translation>
    </message>
    <message>
        <source>From preparing to the consultation</source>
        <translation>준비부터 상담까지</translation>
    </message>
    <message>
        <source>&lt;b&gt;Pick&lt;/b&gt; the questions you will ask, the most important first. About 12–15 are picked for you to start with; a consultation is short.</source>
        <translation>물어볼 질문을 &lt;b&gt;고르고&lt;/b&gt; 가장 중요한 질문을 앞에 두십시오. 처음에는 12~15개가 골라져 있습니다. 상담 시간은 짧습니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Prepare&lt;/b&gt;: record what each clinic has told you so far, and check the red flags.</source>
        <translation>&lt;b&gt;준비&lt;/b&gt;: 각 병원이 지금까지 알려 준 내용을 기록하고 위험 신호를 확인하십시오.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Print the doctor copy&lt;/b&gt; for the clinic you are visiting, and hand it to the doctor at the start.</source>
        <translation>방문할 병원의 &lt;b&gt;의사용 사본을 인쇄&lt;/b&gt;하여 상담을 시작할 때 의사에게 건네십시오.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Bring your notebook&lt;/b&gt; for yourself: it keeps what you would not show a clinic, such as prices, other clinics and your worries.</source>
        <translation>본인용 &lt;b&gt;제 기록을 가져가십시오&lt;/b&gt;. 가격, 다른 병원, 우려 사항처럼 병원에 보여 주지 않을 내용이 들어 있습니다.</translation>
    </message>
    <message>
        <source>Many patients</source>
        <translation>여러 환자</translation>
    </message>
    <message>
        <source>With more than one patient, the list of patients is on the left; the Patients button shows or hides it. It steps aside for the Questions and Sheet steps, which need the room; opened there, it floats over the step until you choose a patient. View → All patients in a table ({key}) shows every patient with their travel window, next consultation, progress and serious red flags. Quotes stay in their own currency; to see them in yours too, type a rate and its day in Settings → Exchange rates (StemPrep never looks one up).</source>
        <translation>환자가 두 명 이상이면 환자 목록이 왼쪽에 표시됩니다. ‘환자’ 버튼으로 목록을 보이거나 숨길 수 있습니다. 질문 단계와 질문지 단계는 넓은 화면이 필요하므로 목록이 저절로 비켜납니다. 이 두 단계에서 목록을 열면 환자를 고를 때까지 화면 위에 떠 있습니다. 보기 → 전체 환자 표({key})에서는 모든 환자의 방문 시기, 다음 상담, 진행 상황, 심각한 위험 신호를 한눈에 볼 수 있습니다. 안내받은 비용은 원래 통화로 표시됩니다. 사용하시는 통화로도 보려면 설정 → 환율에서 환율과 그 날짜를 입력하십시오(StemPrep은 환율을 조회하지 않습니다).</translation>
    </message>
    <message>
        <source>Red flags</source>
        <translation>위험 신호</translation>
    </message>
    <message>
        <source>A red flag (▲) marks an answer that is a known warning sign — for example, a clinic that cannot name the legal basis for the treatment. &lt;b&gt;Serious red flag&lt;/b&gt; means: do not go ahead until you have checked this. &lt;b&gt;Warning&lt;/b&gt; means: ask more, and check.</source>
        <translation>위험 신호(▲)는 잘 알려진 위험 신호에 해당하는 답변에 붙는 표시입니다. 예를 들어 치료의 법적 근거를 밝히지 못하는 병원이 그렇습니다. &lt;b&gt;심각한 위험 신호&lt;/b&gt;는 이 점을 확인하기 전에는 진행하지 말라는 뜻입니다. &lt;b&gt;주의&lt;/b&gt;는 더 물어보고 확인하라는 뜻입니다.</translation>
    </message>
    <message>
        <source>A red flag does not prove that a clinic is bad, and no red flag does not prove that it is safe. Each flag says what to ask or check. You can also mark any answer that worried you with “This worries me” ({key}).</source>
        <translation>위험 신호가 있다고 해서 병원이 나쁘다는 증거는 아니며, 위험 신호가 없다고 해서 안전하다는 증거도 아닙니다. 각 신호는 무엇을 묻고 확인해야 하는지 알려 줍니다. 우려되는 답변은 “이 답변이 우려됩니다”({key})로 직접 표시할 수도 있습니다.</translation>
    </message>
    <message>
        <source>If the clinic explains a red flag to your satisfaction, press “Not a concern…” and say why in a few words. The flag stays on screen, greyed, with your note; “Restore” brings it back.</source>
        <translation>병원의 설명을 듣고 위험 신호가 문제가 되지 않는다고 판단되면 “문제없음…”을 누르고 그 이유를 짧게 적으십시오. 위험 신호는 메모와 함께 흐리게 화면에 남으며, “되돌리기”를 누르면 다시 표시됩니다.</translation>
    </message>
    <message>
        <source>My questions</source>
        <translation>제 질문</translation>
    </message>
    <message>
        <source>A consultation is short, so bring a short list. In the Questions step, “My questions” holds the questions you chose, in the order you will ask them; “All questions” is the whole checklist. “Add to my questions” ({ask}) puts the question on screen on your list; pressed in, it reads “★ On my questions”, and pressing it again takes the question off; {up} and {down} move it. A question you write yourself goes on your list after the question on screen.</source>
        <translation>상담 시간은 짧으므로 질문 목록도 짧게 준비하십시오. 질문 단계의 “제 질문”에는 고른 질문이 물어볼 순서대로 있고, “전체 질문”에는 전체 질문 목록이 있습니다. “제 질문에 넣기”({ask})를 누르면 화면의 질문이 제 질문 목록에 들어가고 버튼이 “★ 제 질문에 있음”으로 바뀝니다. 다시 누르면 목록에서 빠집니다. {up}와 {down}로 순서를 옮깁니다. 직접 추가한 질문은 화면에 있는 질문 다음 순서로 제 질문 목록에 들어갑니다.</translation>
    </message>
    <message>
        <source>Where your data lives</source>
        <translation>정보가 저장되는 곳</translation>
    </message>
    <message>
        <source>Everything you enter is kept in one file on this computer:&lt;br&gt;&lt;code&gt;{path}&lt;/code&gt;&lt;br&gt;StemPrep makes no network connections. Nothing leaves this computer unless you print or save a sheet, or export a profile.</source>
        <translation>입력한 모든 정보는 이 컴퓨터의 파일 하나에 저장됩니다:&lt;br&gt;&lt;code&gt;{path}&lt;/code&gt;&lt;br&gt;StemPrep은 네트워크에 연결하지 않습니다. 질문지를 인쇄하거나 저장하거나 프로필을 내보내지 않는 한, 어떤 정보도 이 컴퓨터 밖으로 나가지 않습니다.</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>백업하기</translation>
    </message>
    <message>
        <source>StemPrep backs up every patient by itself when it starts and every {minutes} minutes while you work, into &lt;code&gt;{backups}&lt;/code&gt;. To keep a copy somewhere else, such as a USB stick, choose File → Back up now…; to go back to an earlier copy, File → Restore a backup…. Keep every copy private: it holds health information.</source>
        <translation>StemPrep은 시작할 때와 작업하는 동안 {minutes}분마다 모든 환자 정보를 &lt;code&gt;{backups}&lt;/code&gt;에 자동으로 백업합니다. USB 메모리 같은 다른 곳에도 사본을 두려면 파일 → 지금 백업…을 선택하십시오. 이전 사본으로 되돌리려면 파일 → 백업 복원…을 선택하십시오. 사본에는 건강 정보가 들어 있으니 안전하게 보관하십시오.</translation>
    </message>
    <message>
        <source>Larger text and language</source>
        <translation>글자 크기와 언어</translation>
    </message>
    <message>
        <source>View → Text size makes everything larger ({larger} and {smaller} also work). Settings → Language chooses English or Korean; StemPrep changes language the next time you start it. Help → Keyboard shortcuts lists every key.</source>
        <translation>보기 → 글자 크기에서 화면 전체를 크게 할 수 있습니다({larger}, {smaller} 키도 됩니다). 설정 → 언어에서 영어나 한국어를 고를 수 있으며, StemPrep을 다음에 시작할 때 적용됩니다. 모든 단축키는 도움말 → 단축키에 있습니다.</translation>
    </message>
</context>
<context>
    <name>HelpActions</name>
    <message>
        <source>&amp;Guide</source>
        <translation>사용 안내(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>단축키(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About StemPrep</source>
        <translation>StemPrep 정보(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Import a patient</source>
        <translation>환자 가져오기</translation>
    </message>
    <message>
        <source>Patient&apos;s name</source>
        <translation>환자 이름</translation>
    </message>
    <message>
        <source>Condition:</source>
        <translation>질환:</translation>
    </message>
    <message>
        <source>{count}: {names}</source>
        <translation>{count}곳: {names}</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>아직 없음</translation>
    </message>
    <message>
        <source>Clinics:</source>
        <translation>병원:</translation>
    </message>
    <message>
        <source>Answers recorded:</source>
        <translation>기록된 답변:</translation>
    </message>
    <message>
        <source>Own questions:</source>
        <translation>직접 추가한 질문:</translation>
    </message>
    <message>
        <source>Exported:</source>
        <translation>내보낸 날짜:</translation>
    </message>
    <message>
        <source>Left out:</source>
        <translation>제외된 항목:</translation>
    </message>
    <message>
        <source>This is a sample profile made by StemPrep, not a real person.</source>
        <translation>StemPrep이 만든 예시 프로필이며, 실제 인물이 아닙니다.</translation>
    </message>
    <message>
        <source>Cancel: import nothing</source>
        <translation>취소: 아무것도 가져오지 않음</translation>
    </message>
    <message>
        <source>“{name}” is already on this computer (last changed {changed}). Importing as a new patient keeps both. Replacing deletes the saved one&apos;s clinics and answers from this computer and puts the file&apos;s in their place.</source>
        <translation>“{name}”은(는) 이미 이 컴퓨터에 있습니다(마지막 변경: {changed}). 새 환자로 가져오면 둘 다 남습니다. 바꾸기를 선택하면 저장된 환자의 병원과 답변을 이 컴퓨터에서 삭제하고 파일의 내용으로 대체합니다.</translation>
    </message>
    <message>
        <source>Import as a &amp;new patient</source>
        <translation>새 환자로 가져오기(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Replace the saved one</source>
        <translation>저장된 환자 바꾸기(&amp;R)</translation>
    </message>
    <message>
        <source>Replace the saved patient with the one in the file</source>
        <translation>저장된 환자를 파일의 환자로 바꾸기</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>가져오기(&amp;I)</translation>
    </message>
    <message>
        <source>Import the patient as a new patient</source>
        <translation>이 환자를 새 환자로 가져오기</translation>
    </message>
</context>
<context>
    <name>LanguageDialog</name>
    <message>
        <source>Language</source>
        <extracomment>How long the &quot;applies at the next start&quot; reminder stays in the status bar.</extracomment>
        <translation>언어</translation>
    </message>
    <message>
        <source>The computer&apos;s language ({language})</source>
        <translation>컴퓨터 언어 따르기 ({language})</translation>
    </message>
    <message>
        <source>The language of StemPrep&apos;s menus, buttons and help</source>
        <translation>StemPrep의 메뉴, 버튼, 도움말에 쓰이는 언어</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>언어(&amp;L):</translation>
    </message>
    <message>
        <source>StemPrep changes to the new language the next time you start it. The questions for the clinic are always shown in both English and Korean.</source>
        <translation>새 언어는 StemPrep을 다음에 시작할 때 적용됩니다. 병원에 묻는 질문은 언제나 영어와 한국어로 함께 표시됩니다.</translation>
    </message>
    <message>
        <source>&amp;Language…</source>
        <translation>언어(&amp;L)…</translation>
    </message>
    <message>
        <source>StemPrep will be in {language} the next time you start it.</source>
        <translation>StemPrep을 다음에 시작하면 {language}(으)로 표시됩니다.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Profile</source>
        <extracomment>The patient open when the window last closed, so a patient finds their own file again. Longest patient name in the title and the line under the steps (the form has it all). How long &quot;Saved&quot; stays in the status bar. View → All patients in a table. Help → Guide: the platform&apos;s key for help (F1). Room a menu gets beyond what Qt reckons, in average character widths (see `room_for_widest_entry`). Steps whose work needs the window&apos;s width: the patient list steps aside for them by itself. File → Restore a backup… chose this backup; the session closes the window and restores it.</extracomment>
        <translation>프로필</translation>
    </message>
    <message>
        <source>Clinics</source>
        <translation>병원</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>질문</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>질문지</translation>
    </message>
    <message>
        <source>Patients</source>
        <translation>환자</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>설정(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;New patient</source>
        <translation>새 환자(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Find a patient</source>
        <translation>환자 찾기(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;All patients in a table</source>
        <translation>전체 환자 표(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>Step {number}: {title}</source>
        <translation>{number}단계: {title}</translation>
    </message>
    <message>
        <source>Go to step {number} (Ctrl+{number})</source>
        <translation>{number}단계로 이동 (Ctrl+{number})</translation>
    </message>
    <message>
        <source>&amp;Patients</source>
        <translation>환자(&amp;P)</translation>
    </message>
    <message>
        <source>Show or hide the list of patients</source>
        <translation>환자 목록 보이기/숨기기</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>환자</translation>
    </message>
    <message>
        <source>Back to the previous step</source>
        <translation>이전 단계로 돌아가기</translation>
    </message>
    <message>
        <source>On to the next step</source>
        <translation>다음 단계로 넘어가기</translation>
    </message>
    <message>
        <source>‹ &amp;Back: {step}</source>
        <translation>‹ 이전(&amp;B): {step}</translation>
    </message>
    <message>
        <source>Ne&amp;xt: {step} ›</source>
        <translation>다음(&amp;X): {step} ›</translation>
    </message>
    <message>
        <source>condition not chosen yet</source>
        <translation>질환 미선택</translation>
    </message>
    <message>
        <source>Patient: {name} · {condition}</source>
        <translation>환자: {name} · {condition}</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>저장됨</translation>
    </message>
    <message>
        <source>Some changes could not be saved:
{problem}

Close StemPrep anyway and lose those changes?</source>
        <translation>일부 변경 내용을 저장하지 못했습니다:
{problem}

그래도 StemPrep을 닫고 이 변경 내용을 버리시겠습니까?</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>저장하지 않고 닫기</translation>
    </message>
</context>
<context>
    <name>Marks</name>
    <message>
        <source>Serious red flag</source>
        <extracomment>(text, background) for each severity; dark on light, readable whatever the palette. Marks in the question list, all in NanumGothic (KS X 1001), so they never show as boxes. A chosen answer or status must be obvious at a glance: the palette&apos;s highlight, light or dark.</extracomment>
        <translation>심각한 위험 신호</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>주의</translation>
    </message>
</context>
<context>
    <name>MyQuestionsMixin</name>
    <message>
        <source>{asked} of {total} asked</source>
        <translation>{total}개 중 {asked}개 물어봄</translation>
    </message>
    <message>
        <source> · {skipped} skipped</source>
        <translation> · {skipped}개 건너뜀</translation>
    </message>
    <message>
        <source>Counted over my questions, at this clinic</source>
        <translation>이 병원에서 제 질문 목록을 기준으로 센 수입니다</translation>
    </message>
    <message>
        <source>Delete your question “{question}” and the answers recorded for it at every clinic?</source>
        <translation>직접 추가한 질문 “{question}”과(와) 모든 병원에서 이 질문에 대해 기록한 답변을 삭제하시겠습니까?</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
</context>
<context>
    <name>NumberPanel</name>
    <message>
        <source>Number they gave</source>
        <translation>병원이 알려 준 수치</translation>
    </message>
    <message>
        <source>The number they gave</source>
        <translation>병원이 알려 준 수치</translation>
    </message>
</context>
<context>
    <name>ProfileFileActions</name>
    <message>
        <source>&amp;Export patient to a file…</source>
        <translation>환자를 파일로 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Save this patient in a .stemprep file to take to another computer</source>
        <translation>이 환자를 .stemprep 파일로 저장하여 다른 컴퓨터로 옮깁니다</translation>
    </message>
    <message>
        <source>&amp;Import patient from a file…</source>
        <translation>파일에서 환자 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>Add a patient from a .stemprep file</source>
        <translation>.stemprep 파일에서 환자를 추가합니다</translation>
    </message>
    <message>
        <source>Saved “{name}” to {path}. The file holds the patient&apos;s health information: share it only with people the patient trusts.</source>
        <translation>“{name}”을(를) {path}에 저장했습니다. 이 파일에는 환자의 건강 정보가 들어 있으니 환자가 신뢰하는 사람에게만 공유하십시오.</translation>
    </message>
    <message>
        <source>Imported “{name}” with {clinics} clinics and {answers} answers.</source>
        <translation>“{name}”을(를) 병원 {clinics}곳, 답변 {answers}개와 함께 가져왔습니다.</translation>
    </message>
    <message>
        <source>{file} cannot be imported: StemPrep found a problem in it (see Show Details). Nothing was changed.</source>
        <translation>{file}을(를) 가져올 수 없습니다. 파일에서 문제를 발견했습니다(자세히 보기 참조). 아무것도 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>{file} cannot be imported: StemPrep found {count} problems in it (see Show Details). Nothing was changed.</source>
        <translation>{file}을(를) 가져올 수 없습니다. 파일에서 문제 {count}개를 발견했습니다(자세히 보기 참조). 아무것도 바뀌지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>ProfileFiles</name>
    <message>
        <source>Export the patient to a file — it holds health information, keep it private</source>
        <extracomment>What the user chose for a patient that is already here: a copy beside it, or in its place. Where the last profile file was saved or opened, so the next dialog starts there. Longest name or clinic list shown in the preview (the file may hold anything).</extracomment>
        <translation>환자를 파일로 내보내기 — 건강 정보가 들어 있으니 안전하게 보관하십시오</translation>
    </message>
    <message>
        <source>StemPrep patient files (*.stemprep)</source>
        <translation>StemPrep 환자 파일 (*.stemprep)</translation>
    </message>
    <message>
        <source>Import a patient from a file</source>
        <translation>파일에서 환자 가져오기</translation>
    </message>
    <message>
        <source>StemPrep patient files (*.stemprep);;All files (*)</source>
        <translation>StemPrep 환자 파일 (*.stemprep);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>The file cannot be imported</source>
        <translation>파일을 가져올 수 없습니다</translation>
    </message>
</context>
<context>
    <name>ProfileList</name>
    <message>
        <source>Patients</source>
        <extracomment>The user picked a patient (or None when the list became empty). Something the user should know, as one sentence.</extracomment>
        <translation>환자</translation>
    </message>
    <message>
        <source>New patient</source>
        <translation>새 환자</translation>
    </message>
    <message>
        <source>Create a new patient profile</source>
        <translation>새 환자 프로필 만들기</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>삭제…</translation>
    </message>
    <message>
        <source>Delete the selected patient profile</source>
        <translation>선택한 환자 프로필 삭제</translation>
    </message>
    <message>
        <source>Show all in a table</source>
        <translation>전체를 표로 보기</translation>
    </message>
    <message>
        <source>Show all patients in a full-width table</source>
        <translation>모든 환자를 넓은 표로 보기</translation>
    </message>
    <message>
        <source>Travel, next appointment, progress and serious red flags for every patient</source>
        <translation>모든 환자의 방문 시기, 다음 상담, 진행 상황, 심각한 위험 신호</translation>
    </message>
    <message>
        <source>Show all patients</source>
        <translation>모든 환자 보기</translation>
    </message>
    <message>
        <source>Clear the search and the filters</source>
        <translation>검색어와 필터 지우기</translation>
    </message>
    <message>
        <source>Show patients with this condition</source>
        <translation>이 질환이 있는 환자만 보기</translation>
    </message>
    <message>
        <source>All conditions</source>
        <translation>모든 질환</translation>
    </message>
    <message>
        <source>Show patients travelling in this month</source>
        <translation>이 달에 방문하는 환자만 보기</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>언제든</translation>
    </message>
    <message>
        <source>Show patients by progress</source>
        <translation>진행 상황별로 환자 보기</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>Not started (no answers yet)</source>
        <translation>시작 전 (아직 답변 없음)</translation>
    </message>
    <message>
        <source>In progress (some answers)</source>
        <translation>진행 중 (답변 일부 있음)</translation>
    </message>
    <message>
        <source>Order of the list</source>
        <translation>목록 정렬 순서</translation>
    </message>
    <message>
        <source>Recently changed first</source>
        <translation>최근 변경 순</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>질환</translation>
    </message>
    <message>
        <source>Travel month</source>
        <translation>방문 월</translation>
    </message>
    <message>
        <source>Con&amp;dition:</source>
        <translation>질환(&amp;D):</translation>
    </message>
    <message>
        <source>Trave&amp;l:</source>
        <translation>방문(&amp;L):</translation>
    </message>
    <message>
        <source>Pro&amp;gress:</source>
        <translation>진행(&amp;G):</translation>
    </message>
    <message>
        <source>S&amp;ort by:</source>
        <translation>정렬(&amp;O):</translation>
    </message>
    <message>
        <source>Delete the profile “{name}” with its clinics and answers from this computer?

This cannot be undone. Backups made before now still hold it until newer backups replace them; sheets and patient files made earlier are not affected.</source>
        <translation>프로필 “{name}”과(와) 그 병원 및 답변을 이 컴퓨터에서 삭제하시겠습니까?

삭제하면 되돌릴 수 없습니다. 이전에 만든 백업에는 새 백업으로 대체될 때까지 남아 있으며, 이전에 만든 질문지와 환자 파일은 영향을 받지 않습니다.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Found: more than {count}</source>
        <translation>검색 결과: {count}명 초과</translation>
    </message>
    <message>
        <source>Found: {count}</source>
        <translation>검색 결과: {count}명</translation>
    </message>
    <message>
        <source>1 patient on this computer</source>
        <translation>이 컴퓨터에 환자 1명</translation>
    </message>
    <message>
        <source>{count} patients on this computer</source>
        <translation>이 컴퓨터에 환자 {count}명</translation>
    </message>
    <message>
        <source>No patients match.</source>
        <translation>해당하는 환자가 없습니다.</translation>
    </message>
    <message>
        <source>No patients yet. Press “New patient” to add one.</source>
        <translation>아직 환자가 없습니다. “새 환자”를 눌러 추가하십시오.</translation>
    </message>
</context>
<context>
    <name>ProfileListModel</name>
    <message>
        <source>Name</source>
        <extracomment>Rows read from the database at a time. The condition column&apos;s width, in pixels at Normal text; the name takes the rest. A search counts its matches up to this many, then says &quot;more than&quot;: counting every one of 90,000 matches costs more than a keystroke may, and the list pages through them anyway. Search after typing pauses this long: one database query per pause, not per key. Travel months the filter offers: from a few months back to a little over two years ahead. True for a synthetic sample patient (drawn with a &quot;sample&quot; mark). Reading the list failed; one sentence.</extracomment>
        <translation>이름</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>질환</translation>
    </message>
    <message>
        <source>Clinics</source>
        <translation>병원</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>답변</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>변경일</translation>
    </message>
    <message>
        <source>{name}, sample patient</source>
        <translation>{name}, 예시 환자</translation>
    </message>
    <message>
        <source>A sample profile made by StemPrep, not a real person.</source>
        <translation>StemPrep이 만든 예시 프로필이며, 실제 인물이 아닙니다.</translation>
    </message>
    <message>
        <source>Clinics: {names}</source>
        <translation>병원: {names}</translation>
    </message>
    <message>
        <source>Cities: {cities}</source>
        <translation>도시: {cities}</translation>
    </message>
    <message>
        <source>Travel: {window}</source>
        <translation>방문 시기: {window}</translation>
    </message>
    <message>
        <source>not chosen yet</source>
        <translation>아직 선택하지 않음</translation>
    </message>
</context>
<context>
    <name>ProfileStep</name>
    <message>
        <source>Name or alias</source>
        <extracomment>Widest the form grows: long lines are hard to read. The measures picked from a list of values (the ejection fraction is typed as a number).</extracomment>
        <translation>이름 또는 별칭</translation>
    </message>
    <message>
        <source>An alias is fine: the sheet can leave it out</source>
        <translation>별칭이어도 됩니다. 질문지에서 뺄 수도 있습니다</translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation>출생 연도</translation>
    </message>
    <message>
        <source>e.g. 1958</source>
        <translation>예: 1958</translation>
    </message>
    <message>
        <source>Languages spoken</source>
        <translation>사용하는 언어</translation>
    </message>
    <message>
        <source>e.g. English, Mongolian</source>
        <translation>예: 영어, 몽골어</translation>
    </message>
    <message>
        <source>Contact (optional)</source>
        <translation>연락처(선택 사항)</translation>
    </message>
    <message>
        <source>Phone or e-mail, if you want it on the sheet</source>
        <translation>질문지에 넣고 싶다면 전화번호나 이메일</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>질환</translation>
    </message>
    <message>
        <source>Choose the condition…</source>
        <translation>질환을 선택하십시오…</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>모름</translation>
    </message>
    <message>
        <source>Diagnosis in your own words</source>
        <translation>진단명(본인이 이해한 대로)</translation>
    </message>
    <message>
        <source>When diagnosed</source>
        <translation>진단 시기</translation>
    </message>
    <message>
        <source>e.g. 2019, or &quot;about five years ago&quot;</source>
        <translation>예: 2019년, 또는 &quot;5년쯤 전&quot;</translation>
    </message>
    <message>
        <source>Current medicines</source>
        <translation>복용 중인 약</translation>
    </message>
    <message>
        <source>Allergies</source>
        <translation>알레르기</translation>
    </message>
    <message>
        <source>Other conditions</source>
        <translation>다른 질환</translation>
    </message>
    <message>
        <source>Treatments tried before</source>
        <translation>이전 치료</translation>
    </message>
    <message>
        <source>Imaging you have (X-ray, MRI, CT)</source>
        <translation>가지고 있는 영상 자료(X-ray, MRI, CT)</translation>
    </message>
    <message>
        <source>What you hope the treatment will do</source>
        <translation>치료로 기대하는 점</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>예산</translation>
    </message>
    <message>
        <source>Travel from (month):</source>
        <translation>방문 시작 월:</translation>
    </message>
    <message>
        <source>Travel until (month):</source>
        <translation>방문 마지막 월:</translation>
    </message>
    <message>
        <source>Travel note:</source>
        <translation>방문 메모:</translation>
    </message>
    <message>
        <source>e.g. 2027-04</source>
        <translation>예: 2027-04</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>About you</source>
        <translation>기본 정보</translation>
    </message>
    <message>
        <source>Na&amp;me or alias:</source>
        <translation>이름 또는 별칭(&amp;M):</translation>
    </message>
    <message>
        <source>Birth &amp;year:</source>
        <translation>출생 연도(&amp;Y):</translation>
    </message>
    <message>
        <source>L&amp;anguages:</source>
        <translation>사용 언어(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation>연락처(&amp;C):</translation>
    </message>
    <message>
        <source>Your condition</source>
        <translation>질환</translation>
    </message>
    <message>
        <source>Cond&amp;ition:</source>
        <translation>질환(&amp;I):</translation>
    </message>
    <message>
        <source>Diagno&amp;sis:</source>
        <translation>진단명(&amp;S):</translation>
    </message>
    <message>
        <source>C&amp;urrent medicines:</source>
        <translation>복용 중인 약(&amp;U):</translation>
    </message>
    <message>
        <source>Oth&amp;er conditions:</source>
        <translation>다른 질환(&amp;E):</translation>
    </message>
    <message>
        <source>Treatments tried:</source>
        <translation>이전 치료:</translation>
    </message>
    <message>
        <source>Imaging available:</source>
        <translation>영상 자료:</translation>
    </message>
    <message>
        <source>Budget:</source>
        <translation>예산:</translation>
    </message>
    <message>
        <source>&amp;When diagnosed:</source>
        <translation>진단 시기(&amp;W):</translation>
    </message>
    <message>
        <source>First month you could travel</source>
        <translation>방문 가능한 첫 달</translation>
    </message>
    <message>
        <source>Last month you could travel</source>
        <translation>방문 가능한 마지막 달</translation>
    </message>
    <message>
        <source>Travel note</source>
        <translation>방문 메모</translation>
    </message>
    <message>
        <source>Anything the months do not say</source>
        <translation>월로 적을 수 없는 내용</translation>
    </message>
    <message>
        <source>Your health</source>
        <translation>건강 상태</translation>
    </message>
    <message>
        <source>Alle&amp;rgies:</source>
        <translation>알레르기(&amp;R):</translation>
    </message>
    <message>
        <source>Your plans</source>
        <translation>계획</translation>
    </message>
    <message>
        <source>Goals:</source>
        <translation>기대하는 점:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>메모:</translation>
    </message>
    <message>
        <source>About the patient</source>
        <translation>환자 정보</translation>
    </message>
    <message>
        <source>What a clinic needs to know before it can answer your questions. Everything you type is saved on this computer as you go.</source>
        <translation>병원이 질문에 답하기 전에 알아야 할 내용입니다. 입력하는 모든 내용은 이 컴퓨터에 바로 저장됩니다.</translation>
    </message>
</context>
<context>
    <name>QuestionCard</name>
    <message>
        <source>Question number, category and priority</source>
        <translation>질문 번호, 분류, 중요도</translation>
    </message>
    <message>
        <source>Question in English</source>
        <translation>영어 질문</translation>
    </message>
    <message>
        <source>Question in Korean</source>
        <translation>한국어 질문</translation>
    </message>
    <message>
        <source>Why ask this question</source>
        <translation>이 질문을 하는 이유</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>출처</translation>
    </message>
    <message>
        <source>The clinic&apos;s answer in their own words</source>
        <translation>병원 측 답변(말씀하신 그대로)</translation>
    </message>
    <message>
        <source>What they said, in their own words</source>
        <translation>병원에서 말한 내용을 그대로 적으십시오</translation>
    </message>
    <message>
        <source>Shortcut: {key}</source>
        <translation>단축키: {key}</translation>
    </message>
    <message>
        <source>Their answer:</source>
        <translation>병원의 답변:</translation>
    </message>
    <message>
        <source>Delete this &amp;question…</source>
        <translation>이 질문 삭제(&amp;Q)…</translation>
    </message>
    <message>
        <source>Delete your own question</source>
        <translation>직접 추가한 질문 삭제</translation>
    </message>
    <message>
        <source>Why ask: {why}</source>
        <translation>묻는 이유: {why}</translation>
    </message>
    <message>
        <source>Sources: {titles}</source>
        <translation>출처: {titles}</translation>
    </message>
</context>
<context>
    <name>QuestionControls</name>
    <message>
        <source>On my list of questions</source>
        <translation>제 질문 목록에 있음</translation>
    </message>
    <message>
        <source>Put this question on your list to ask, or take it off. Shortcut: {key}</source>
        <translation>이 질문을 제 질문 목록에 넣거나 뺍니다. 단축키: {key}</translation>
    </message>
    <message>
        <source>‹ Previous</source>
        <translation>‹ 이전</translation>
    </message>
    <message>
        <source>Previous question</source>
        <translation>이전 질문</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>다음 ›</translation>
    </message>
    <message>
        <source>Next question</source>
        <translation>다음 질문</translation>
    </message>
    <message>
        <source>Show the doctor ({key})</source>
        <translation>의사에게 보여 주기 ({key})</translation>
    </message>
    <message>
        <source>Shows this question full screen in large Korean, with a box for the doctor&apos;s answer</source>
        <translation>이 질문을 전체 화면에 큰 한국어 글씨로 보여 주고, 의사가 답변을 입력할 칸을 표시합니다</translation>
    </message>
    <message>
        <source>{star} On my questions</source>
        <translation>{star} 제 질문에 있음</translation>
    </message>
    <message>
        <source>Add to my questions</source>
        <translation>제 질문에 넣기</translation>
    </message>
</context>
<context>
    <name>QuestionFlagsPanel</name>
    <message>
        <source>Red flags in this answer</source>
        <translation>이 답변의 위험 신호</translation>
    </message>
    <message>
        <source>None from this answer so far.</source>
        <translation>지금까지 이 답변에는 위험 신호가 없습니다.</translation>
    </message>
    <message>
        <source>Dismissed: {title}</source>
        <translation>문제없음으로 표시함: {title}</translation>
    </message>
    <message>
        <source>{flag} — not a concern, you said</source>
        <translation>{flag} — 문제없다고 표시하셨습니다</translation>
    </message>
    <message>
        <source>Not a concern…</source>
        <translation>문제없음…</translation>
    </message>
    <message>
        <source>Not a concern: {title}</source>
        <translation>문제없음: {title}</translation>
    </message>
    <message>
        <source>Say in a few words why this red flag does not worry you here</source>
        <translation>이 병원에서 이 위험 신호가 우려되지 않는 이유를 짧게 적으십시오</translation>
    </message>
    <message>
        <source>Your note: {note}</source>
        <translation>메모: {note}</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>되돌리기</translation>
    </message>
    <message>
        <source>Restore the red flag: {title}</source>
        <translation>위험 신호 되돌리기: {title}</translation>
    </message>
</context>
<context>
    <name>QuestionListModel</name>
    <message>
        <source>on my list</source>
        <extracomment>The two views of the list. Beside a question the patient picked, in the list of all questions (KS X 1001, never a box).</extracomment>
        <translation>제 질문 목록에 있음</translation>
    </message>
    <message>
        <source>worries me</source>
        <translation>우려됨</translation>
    </message>
</context>
<context>
    <name>QuestionListPane</name>
    <message>
        <source>&amp;My questions</source>
        <translation>제 질문(&amp;M)</translation>
    </message>
    <message>
        <source>The questions you chose to ask, in your order</source>
        <translation>물어보기로 고른 질문을 정한 순서대로 보여 줍니다</translation>
    </message>
    <message>
        <source>All questions</source>
        <translation>전체 질문</translation>
    </message>
    <message>
        <source>The whole checklist, to choose from</source>
        <translation>고를 수 있는 전체 질문 목록입니다</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>질문</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>위로</translation>
    </message>
    <message>
        <source>Move the question up my list</source>
        <translation>질문을 제 질문 목록에서 위로 이동</translation>
    </message>
    <message>
        <source>Shortcut: {key}</source>
        <translation>단축키: {key}</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>아래로</translation>
    </message>
    <message>
        <source>Move the question down my list</source>
        <translation>질문을 제 질문 목록에서 아래로 이동</translation>
    </message>
    <message>
        <source>○ to ask   ◎ asked   ● answered   × skipped   ▲ red flag   {star} on my list</source>
        <translation>○ 물어볼 것   ◎ 물어봄   ● 답변 받음   × 건너뜀   ▲ 위험 신호   {star} 제 질문</translation>
    </message>
    <message>
        <source>&amp;My questions ({count})</source>
        <translation>제 질문 {count}개(&amp;M)</translation>
    </message>
</context>
<context>
    <name>QuestionsStep</name>
    <message>
        <source>Clinic you are asking</source>
        <translation>질문하는 병원</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>진행 상황</translation>
    </message>
    <message>
        <source>Add your own q&amp;uestion…</source>
        <translation>질문 직접 추가(&amp;U)…</translation>
    </message>
    <message>
        <source>Add your own question</source>
        <translation>질문 직접 추가</translation>
    </message>
    <message>
        <source>It goes on your list after the question on screen</source>
        <translation>화면에 있는 질문 다음 순서로 제 질문 목록에 들어갑니다</translation>
    </message>
    <message>
        <source>&amp;Clinic:</source>
        <translation>병원(&amp;C):</translation>
    </message>
    <message>
        <source>Add the clinics you are considering first; then come back here to prepare and record the questions for each of them.</source>
        <translation>먼저 고려 중인 병원을 추가하십시오. 그다음 여기로 돌아와 병원별로 질문을 준비하고 답변을 기록하십시오.</translation>
    </message>
    <message>
        <source>Go to &amp;Clinics</source>
        <translation>병원 단계로 가기(&amp;C)</translation>
    </message>
    <message>
        <source>Essential</source>
        <translation>필수</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>권장</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>선택</translation>
    </message>
    <message>
        <source>My question {number} of {total}</source>
        <translation>제 질문 {number} / {total}</translation>
    </message>
    <message>
        <source>Question {number} of {total}</source>
        <translation>질문 {number} / {total}</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>StemPrep&apos;s file is damaged</source>
        <extracomment>How often the window asks for an automatic backup (one is made only if something changed). The start-up backup waits this long, so the window paints and answers first (and a start-up check that quits at the first paint makes no copy).</extracomment>
        <translation>StemPrep 파일이 손상되었습니다</translation>
    </message>
    <message>
        <source>StemPrep&apos;s file on this computer is damaged, so it cannot be opened as it is.</source>
        <translation>이 컴퓨터에 있는 StemPrep 파일이 손상되어 그대로는 열 수 없습니다.</translation>
    </message>
    <message>
        <source>StemPrep will set the damaged file aside (it is renamed, not deleted) and carry on from the newest backup, made {date}. Anything changed after that is not in the backup.</source>
        <translation>StemPrep은 손상된 파일을 따로 보관하고(삭제하지 않고 이름만 바꿉니다) {date}에 만든 가장 최근 백업으로 계속합니다. 그 이후에 바뀐 내용은 백업에 들어 있지 않습니다.</translation>
    </message>
    <message>
        <source>Restore the newest backup ({date})</source>
        <translation>가장 최근 백업 복원 ({date})</translation>
    </message>
    <message>
        <source>There is no backup of it. StemPrep can set the damaged file aside (it is renamed, not deleted, so someone can still try to recover it) and start with an empty file.</source>
        <translation>이 파일의 백업이 없습니다. StemPrep은 손상된 파일을 따로 보관하고(삭제하지 않고 이름만 바꾸므로 나중에 복구를 시도할 수 있습니다) 빈 파일로 시작할 수 있습니다.</translation>
    </message>
    <message>
        <source>Start with an empty file</source>
        <translation>빈 파일로 시작</translation>
    </message>
    <message>
        <source>Damaged file: {path}</source>
        <translation>손상된 파일: {path}</translation>
    </message>
    <message>
        <source>Backup: {path}</source>
        <translation>백업: {path}</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>끝내기</translation>
    </message>
    <message>
        <source>Opened read-only: {path} cannot be changed (its permissions, its folder&apos;s or the disk it is on do not allow it). You can look at everything and print sheets, but changes are not saved.</source>
        <extracomment>The file could only be opened read-only: the window says so in its banner.</extracomment>
        <translation>읽기 전용으로 열었습니다. {path} 파일은 변경할 수 없습니다(파일이나 폴더의 권한, 또는 저장 장치가 변경을 허용하지 않습니다). 모든 내용을 보고 질문지를 인쇄할 수 있지만, 변경한 내용은 저장되지 않습니다.</translation>
    </message>
    <message>
        <source>StemPrep is already open in another window.</source>
        <translation>StemPrep이 이미 다른 창에서 열려 있습니다.</translation>
    </message>
    <message>
        <source>StemPrep could not open its file even after setting it aside.</source>
        <translation>손상된 파일을 따로 보관한 뒤에도 StemPrep 파일을 열 수 없었습니다.</translation>
    </message>
    <message>
        <source>Carried on from the backup made {date}; the damaged file is kept as {name}.</source>
        <translation>{date}에 만든 백업으로 계속합니다. 손상된 파일은 {name}(으)로 보관했습니다.</translation>
    </message>
    <message>
        <source>Started with an empty file; the damaged one is kept as {name}.</source>
        <translation>빈 파일로 시작했습니다. 손상된 파일은 {name}(으)로 보관했습니다.</translation>
    </message>
    <message>
        <source>Back up all patients — the copy holds health information</source>
        <translation>모든 환자 백업 — 백업에는 건강 정보가 들어 있습니다</translation>
    </message>
    <message>
        <source>StemPrep backups (*.db)</source>
        <translation>StemPrep 백업 (*.db)</translation>
    </message>
    <message>
        <source>Restored the backup made {date}. The file as it was is kept as {name}.</source>
        <translation>{date}에 만든 백업을 복원했습니다. 복원 전의 파일은 {name}(으)로 보관했습니다.</translation>
    </message>
</context>
<context>
    <name>RecoveryActions</name>
    <message>
        <source>&amp;Back up now…</source>
        <extracomment>The user confirmed restoring this backup; `WindowSession` closes, restores, reopens. A backup finished (&quot;auto&quot; or &quot;manual&quot;, and its path or None when none was due).</extracomment>
        <translation>지금 백업(&amp;B)…</translation>
    </message>
    <message>
        <source>Copy all patients to a file, for example on a USB stick</source>
        <translation>모든 환자를 파일로 복사합니다(예: USB 메모리)</translation>
    </message>
    <message>
        <source>&amp;Restore a backup…</source>
        <translation>백업 복원(&amp;R)…</translation>
    </message>
    <message>
        <source>Go back to an earlier copy of all patients</source>
        <translation>모든 환자를 이전 백업 상태로 되돌립니다</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>백업하는 중…</translation>
    </message>
    <message>
        <source>Backed up all patients to {path}. The copy holds health information: keep it private.</source>
        <translation>모든 환자를 {path}에 백업했습니다. 백업에는 건강 정보가 들어 있으니 안전하게 보관하십시오.</translation>
    </message>
    <message>
        <source>Automatic backup: {problem}</source>
        <translation>자동 백업: {problem}</translation>
    </message>
    <message>
        <source>Go back to the backup made {date}?

StemPrep will close this window and open again with that backup. The patients as they are now are not deleted: the current file is kept beside it under another name. Anything changed after {date} is not in the backup.</source>
        <translation>{date}에 만든 백업으로 되돌리시겠습니까?

StemPrep이 이 창을 닫고 그 백업으로 다시 열립니다. 지금의 환자 정보는 삭제되지 않고, 현재 파일은 다른 이름으로 그 옆에 보관됩니다. {date} 이후에 바뀐 내용은 백업에 들어 있지 않습니다.</translation>
    </message>
    <message>
        <source>Restore and open again</source>
        <translation>복원하고 다시 열기</translation>
    </message>
    <message>
        <source>Restoring needs StemPrep to start again: close it and run “stemprep restore {path}”.</source>
        <translation>복원하려면 StemPrep을 다시 시작해야 합니다. StemPrep을 닫고 “stemprep restore {path}”를 실행하십시오.</translation>
    </message>
</context>
<context>
    <name>RestoreBackupDialog</name>
    <message>
        <source>Restore a backup</source>
        <translation>백업 복원</translation>
    </message>
    <message>
        <source>Choose the backup to go back to. StemPrep keeps the patients as they are now in a file beside it (set aside, not deleted), then opens again with the backup.</source>
        <translation>되돌아갈 백업을 고르십시오. StemPrep은 지금의 환자 정보를 옆에 파일로 보관한(삭제하지 않습니다) 다음 그 백업으로 다시 열립니다.</translation>
    </message>
    <message>
        <source>Backups, newest first</source>
        <translation>백업 (최근 순)</translation>
    </message>
    <message>
        <source>There are no backups yet. StemPrep makes one when it starts and every 30 minutes while you work, when something has changed.</source>
        <translation>아직 백업이 없습니다. StemPrep은 시작할 때와 작업하는 동안 30분마다, 바뀐 내용이 있으면 백업을 만듭니다.</translation>
    </message>
    <message>
        <source>&amp;Another backup file…</source>
        <translation>다른 백업 파일(&amp;A)…</translation>
    </message>
    <message>
        <source>Choose another backup file, for example on a USB stick</source>
        <translation>다른 백업 파일을 고릅니다(예: USB 메모리에 있는 파일)</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>복원(&amp;R)…</translation>
    </message>
    <message>
        <source>Restore the chosen backup</source>
        <translation>고른 백업 복원</translation>
    </message>
    <message>
        <source>Cancel: restore nothing</source>
        <translation>취소: 아무것도 복원하지 않음</translation>
    </message>
    <message>
        <source>Choose a StemPrep backup</source>
        <translation>StemPrep 백업 고르기</translation>
    </message>
    <message>
        <source>StemPrep backups (*.db);;All files (*)</source>
        <translation>StemPrep 백업 (*.db);;모든 파일 (*)</translation>
    </message>
</context>
<context>
    <name>SampleMarkDelegate</name>
    <message>
        <source>sample</source>
        <translation>예시</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Search: name, clinic, city…</source>
        <translation>검색: 이름, 병원, 도시…</translation>
    </message>
    <message>
        <source>Search patients</source>
        <translation>환자 검색</translation>
    </message>
</context>
<context>
    <name>SheetOptionsBox</name>
    <message>
        <source>Which sheet</source>
        <extracomment>Any option changed.</extracomment>
        <translation>질문지 종류</translation>
    </message>
    <message>
        <source>What this sheet holds</source>
        <translation>이 질문지에 들어가는 내용</translation>
    </message>
    <message>
        <source>A&amp;4</source>
        <translation>A&amp;4</translation>
    </message>
    <message>
        <source>&amp;US Letter</source>
        <translation>US 레터(&amp;U)</translation>
    </message>
    <message>
        <source>A4 paper</source>
        <translation>A4 용지</translation>
    </message>
    <message>
        <source>US Letter paper</source>
        <translation>US 레터 용지</translation>
    </message>
    <message>
        <source>Large p&amp;rint</source>
        <translation>큰 글씨로 인쇄(&amp;R)</translation>
    </message>
    <message>
        <source>Large print</source>
        <translation>큰 글씨로 인쇄</translation>
    </message>
    <message>
        <source>Leave out na&amp;me, birth year, contact and notes</source>
        <translation>이름, 출생 연도, 연락처, 메모 빼기(&amp;M)</translation>
    </message>
    <message>
        <source>Leave out personal details</source>
        <translation>개인 정보 빼기</translation>
    </message>
    <message>
        <source>For a sheet that goes to others: your name, birth year and contact, your notes and your notes on each clinic are left out.</source>
        <translation>다른 사람에게 주는 질문지용입니다. 이름, 출생 연도, 연락처, 메모, 병원별 메모를 뺍니다.</translation>
    </message>
    <message>
        <source>Only the essential &amp;questions (a shorter checklist)</source>
        <translation>필수 질문만(&amp;Q) (더 짧은 전체 질문 목록)</translation>
    </message>
    <message>
        <source>Only the essential questions</source>
        <translation>필수 질문만</translation>
    </message>
    <message>
        <source>Full checklist only: leaves out recommended and optional questions; your own questions stay. Numbers stay the same.</source>
        <translation>전체 질문 목록에만 해당합니다. 권장 질문과 선택 질문을 뺍니다. 직접 추가한 질문은 남으며, 질문 번호는 바뀌지 않습니다.</translation>
    </message>
    <message>
        <source>Paper and print</source>
        <translation>용지와 인쇄</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>용지:</translation>
    </message>
    <message>
        <source>Which clinic the sheet is for</source>
        <translation>질문지를 가져갈 병원</translation>
    </message>
    <message>
        <source>Every clinic (a copy for each)</source>
        <translation>모든 병원(병원마다 한 부씩)</translation>
    </message>
    <message>
        <source>Clinic:</source>
        <translation>병원:</translation>
    </message>
    <message>
        <source>&amp;About the patient</source>
        <translation>환자 정보(&amp;A)</translation>
    </message>
    <message>
        <source>Questions to as&amp;k</source>
        <translation>물어볼 질문(&amp;K)</translation>
    </message>
    <message>
        <source>R&amp;ed flags so far</source>
        <translation>지금까지의 위험 신호(&amp;E)</translation>
    </message>
    <message>
        <source>Do&amp;cuments to bring and ask for</source>
        <translation>가져갈 서류와 요청할 서류(&amp;C)</translation>
    </message>
    <message>
        <source>Cli&amp;nics compared</source>
        <translation>병원 비교(&amp;N)</translation>
    </message>
    <message>
        <source>Approved products and official contacts</source>
        <translation>허가 제품과 공식 연락처</translation>
    </message>
    <message>
        <source>What to include</source>
        <translation>포함할 내용</translation>
    </message>
</context>
<context>
    <name>SheetStep</name>
    <message>
        <source>&amp;Save as PDF…</source>
        <extracomment>Wait this long after the last option change before rendering again. Printing resolution ceiling: print quality for text, without 140 MB pages (600 dpi took 2 s a page). Where the last &quot;Save as…&quot; went, so the next one starts there. The preview shows a new PDF (for tests and the status line).</extracomment>
        <translation>PDF로 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the question sheet as a PDF file</source>
        <translation>질문지를 PDF 파일로 저장</translation>
    </message>
    <message>
        <source>Pr&amp;int…</source>
        <translation>인쇄(&amp;I)…</translation>
    </message>
    <message>
        <source>Print the question sheet</source>
        <translation>질문지 인쇄</translation>
    </message>
    <message>
        <source>Preview status</source>
        <translation>미리 보기 상태</translation>
    </message>
    <message>
        <source>Preview of the question sheet</source>
        <translation>질문지 미리 보기</translation>
    </message>
    <message>
        <source>Updating the preview…</source>
        <translation>미리 보기를 새로 만드는 중…</translation>
    </message>
    <message numerus="yes">
        <source>Preview: %n page(s).</source>
        <translation>
            <numerusform>미리 보기: %n쪽</numerusform>
        </translation>
    </message>
    <message>
        <source>This doctor copy has no questions: none is on your list. Add some in the Questions step.</source>
        <translation>이 의사용 사본에는 질문이 없습니다. 제 질문 목록이 비어 있습니다. 질문 단계에서 질문을 넣으십시오.</translation>
    </message>
    <message>
        <source>It holds a copy for each of {count} clinics: give each clinic only its own pages.</source>
        <translation>병원 {count}곳의 사본이 각각 들어 있습니다. 병원마다 그 병원의 쪽만 드리십시오.</translation>
    </message>
    <message>
        <source>Saved the question sheet as {path}</source>
        <translation>질문지를 {path}(으)로 저장했습니다</translation>
    </message>
    <message>
        <source>StemPrep question sheet</source>
        <translation>StemPrep 질문지</translation>
    </message>
    <message>
        <source>Sending the sheet to the printer…</source>
        <translation>질문지를 프린터로 보내는 중…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>인쇄 중</translation>
    </message>
    <message>
        <source>Printing page {page} of {pages}…</source>
        <translation>{pages}쪽 중 {page}쪽 인쇄 중…</translation>
    </message>
    <message>
        <source>Printing stopped.</source>
        <translation>인쇄를 중지했습니다.</translation>
    </message>
    <message>
        <source>The sheet could not be sent to the printer. Check the printer, or save the sheet as a PDF and print that.</source>
        <translation>질문지를 프린터로 보내지 못했습니다. 프린터를 확인하거나, 질문지를 PDF로 저장한 뒤 그 파일을 인쇄하십시오.</translation>
    </message>
    <message>
        <source>Sent the question sheet to the printer.</source>
        <translation>질문지를 프린터로 보냈습니다.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>키</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>기능</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>모든 화면</translation>
    </message>
    <message>
        <source>Go to step 1 to 4: Profile, Clinics, Questions, Sheet</source>
        <translation>1~4단계로 이동: 프로필, 병원, 질문, 질문지</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Shift+Tab</translation>
    </message>
    <message>
        <source>Move to the next or previous field or button</source>
        <translation>다음 또는 이전 입력란이나 버튼으로 이동</translation>
    </message>
    <message>
        <source>Alt + underlined letter</source>
        <translation>Alt + 밑줄 친 글자</translation>
    </message>
    <message>
        <source>Press that button, or go to that field or menu</source>
        <translation>해당 버튼을 누르거나 해당 입력란 또는 메뉴로 이동</translation>
    </message>
    <message>
        <source>A new patient</source>
        <translation>새 환자</translation>
    </message>
    <message>
        <source>Find a patient in the list</source>
        <translation>목록에서 환자 찾기</translation>
    </message>
    <message>
        <source>All patients in a table</source>
        <translation>전체 환자 표</translation>
    </message>
    <message>
        <source>Larger or smaller text</source>
        <translation>글자 크게 또는 작게</translation>
    </message>
    <message>
        <source>Normal text size</source>
        <translation>보통 글자 크기</translation>
    </message>
    <message>
        <source>The guide</source>
        <translation>사용 안내</translation>
    </message>
    <message>
        <source>Quit StemPrep</source>
        <translation>StemPrep 끝내기</translation>
    </message>
    <message>
        <source>Questions step</source>
        <translation>질문 단계</translation>
    </message>
    <message>
        <source>Next question</source>
        <translation>다음 질문</translation>
    </message>
    <message>
        <source>Previous question</source>
        <translation>이전 질문</translation>
    </message>
    <message>
        <source>Status: to ask, asked, answered, skipped</source>
        <translation>상태: 물어볼 것, 물어봄, 답변 받음, 건너뜀</translation>
    </message>
    <message>
        <source>Answer yes, no, not sure, refused to answer</source>
        <translation>답변: 예, 아니요, 잘 모름, 답변 거부</translation>
    </message>
    <message>
        <source>This worries me (mark or unmark)</source>
        <translation>이 답변이 우려됩니다 (표시 또는 해제)</translation>
    </message>
    <message>
        <source>Type the clinic&apos;s answer</source>
        <translation>병원의 답변 입력</translation>
    </message>
    <message>
        <source>Add the question to my questions, or take it off</source>
        <translation>질문을 제 질문에 넣거나 빼기</translation>
    </message>
    <message>
        <source>Move the question up or down my list</source>
        <translation>질문을 제 질문 목록에서 위나 아래로 이동</translation>
    </message>
    <message>
        <source>Show the doctor: the question full screen in Korean</source>
        <translation>의사에게 보여 주기: 질문을 전체 화면에 한국어로 표시</translation>
    </message>
    <message>
        <source>Sheet step</source>
        <translation>질문지 단계</translation>
    </message>
    <message>
        <source>Save the sheet as a PDF</source>
        <translation>질문지를 PDF로 저장</translation>
    </message>
    <message>
        <source>Print the sheet</source>
        <translation>질문지 인쇄</translation>
    </message>
    <message>
        <source>Show the doctor</source>
        <translation>의사에게 보여 주기</translation>
    </message>
    <message>
        <source>Next question (the arrow alone when the cursor is not in the answer box)</source>
        <translation>다음 질문 (커서가 답변 칸에 없을 때는 화살표 키만 눌러도 됩니다)</translation>
    </message>
    <message>
        <source>Previous question (the arrow alone when the cursor is not in the answer box)</source>
        <translation>이전 질문 (커서가 답변 칸에 없을 때는 화살표 키만 눌러도 됩니다)</translation>
    </message>
    <message>
        <source>Back to the Questions step, at the same question</source>
        <translation>같은 질문에서 질문 단계로 돌아가기</translation>
    </message>
</context>
<context>
    <name>StatusRow</name>
    <message>
        <source>Status:</source>
        <translation>상태:</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>상태: {status}</translation>
    </message>
    <message>
        <source>Shortcut: {key}</source>
        <translation>단축키: {key}</translation>
    </message>
    <message>
        <source>This worries me</source>
        <translation>이 답변이 우려됩니다</translation>
    </message>
    <message>
        <source>Mark this answer as worrying</source>
        <translation>이 답변을 우려되는 답변으로 표시</translation>
    </message>
    <message>
        <source>Mark an answer that worried you, whatever the rules say. Shortcut: {key}</source>
        <translation>규칙과 관계없이 우려되는 답변을 표시합니다. 단축키: {key}</translation>
    </message>
</context>
<context>
    <name>TextSize</name>
    <message>
        <source>&amp;Normal</source>
        <extracomment>The Store setting that remembers the user&apos;s text size. How much larger than the base font each size is. Extra large is 16.5 pt on the 11 pt base. Keys as in browsers and office programs: Ctrl+0 back to normal, Ctrl++ larger, Ctrl+- smaller. Room a multi-line box needs beyond its lines of text (frame and document margins).</extracomment>
        <translation>보통(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Large</source>
        <translation>크게(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Extra large</source>
        <translation>아주 크게(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Text size</source>
        <translation>글자 크기(&amp;T)</translation>
    </message>
    <message>
        <source>La&amp;rger text</source>
        <translation>글자 더 크게(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation>글자 더 작게(&amp;S)</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to StemPrep</source>
        <translation>StemPrep에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <source>StemPrep helps you prepare for a consultation about stem cell treatment in South Korea. It gives you the questions to ask each clinic in English and Korean, keeps the answers, warns you about known warning signs and prints a question sheet to take with you. Everything you enter stays on this computer.</source>
        <translation>StemPrep은 한국에서 받는 줄기세포 치료 상담을 준비하도록 돕습니다. 병원마다 물어볼 질문을 영어와 한국어로 제공하고, 받은 답변을 기록하며, 알려진 위험 신호를 알려 주고, 상담에 가져갈 질문지를 인쇄해 줍니다. 입력한 모든 정보는 이 컴퓨터에만 저장됩니다.</translation>
    </message>
    <message>
        <source>&amp;Start a profile</source>
        <translation>프로필 만들기(&amp;S)</translation>
    </message>
    <message>
        <source>Create a profile for the patient and fill it in</source>
        <translation>환자 프로필을 만들고 내용을 입력합니다</translation>
    </message>
    <message>
        <source>Try the de&amp;mo</source>
        <translation>예시로 둘러보기(&amp;M)</translation>
    </message>
    <message>
        <source>Open an example patient with clinics and answers, to see how StemPrep works</source>
        <translation>병원과 답변이 들어 있는 예시 환자를 열어 StemPrep의 사용법을 살펴봅니다</translation>
    </message>
</context>
<context>
    <name>WindowSession</name>
    <message>
        <source>The search was damaged and is being repaired from your profiles. This takes a few seconds; nothing you entered is lost.</source>
        <extracomment>Held back while the check runs: everything by which a user changes something. A check shorter than this shows no busy cursor (it would only flicker). The window is up and its file checked: it takes input (the start-up check exits here).</extracomment>
        <translation>검색 색인이 손상되어 프로필을 바탕으로 복구하고 있습니다. 몇 초 정도 걸리며, 입력하신 내용은 사라지지 않습니다.</translation>
    </message>
    <message>
        <source>The search has been repaired.</source>
        <translation>검색이 복구되었습니다.</translation>
    </message>
</context>
<context>
    <name>WorklistModel</name>
    <message>
        <source>Name</source>
        <extracomment>Figures worked out per pass; a pass runs after the view painted, so scrolling stays smooth. The database order behind each column a header click sorts by.</extracomment>
        <translation>이름</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>질환</translation>
    </message>
    <message>
        <source>Travel</source>
        <translation>방문 시기</translation>
    </message>
    <message>
        <source>Next appointment</source>
        <translation>다음 상담</translation>
    </message>
    <message>
        <source>Clinics</source>
        <translation>병원</translation>
    </message>
    <message>
        <source>My questions</source>
        <translation>제 질문</translation>
    </message>
    <message>
        <source>Serious red flags</source>
        <translation>심각한 위험 신호</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>최근 변경</translation>
    </message>
    <message>
        <source>Questions the patient chose to ask that every clinic has answered, of all they chose</source>
        <translation>환자가 고른 질문 가운데 모든 병원이 답한 질문의 수 / 고른 질문의 수</translation>
    </message>
    <message>
        <source>Serious red flags raised by the patient&apos;s clinics, not counting dismissed ones</source>
        <translation>환자가 고려하는 병원에서 나온 심각한 위험 신호의 수(해제한 신호 제외)</translation>
    </message>
    <message>
        <source>{name}, sample patient</source>
        <translation>{name}, 예시 환자</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>계산 중…</translation>
    </message>
    <message>
        <source>{answered} of {picked}</source>
        <translation>{picked}개 중 {answered}개</translation>
    </message>
</context>
<context>
    <name>WorklistPage</name>
    <message>
        <source>All patients</source>
        <extracomment>The user opened a patient from the table. The user wants the steps back without choosing another patient. Something the user should know, as one sentence.</extracomment>
        <translation>모든 환자</translation>
    </message>
    <message>
        <source>All patients, one per row</source>
        <translation>전체 환자(한 줄에 한 명)</translation>
    </message>
    <message>
        <source>Open the patient</source>
        <translation>환자 열기</translation>
    </message>
    <message>
        <source>Open the selected patient</source>
        <translation>선택한 환자 열기</translation>
    </message>
    <message>
        <source>Back to the steps</source>
        <translation>단계로 돌아가기</translation>
    </message>
    <message>
        <source>Close the table and go back to the steps</source>
        <translation>표를 닫고 단계로 돌아가기</translation>
    </message>
    <message>
        <source>Patients shown: {count}</source>
        <translation>표시된 환자: {count}명</translation>
    </message>
    <message>
        <source>Counting red flags and answered questions: {done} of {total}…</source>
        <translation>위험 신호와 답변된 질문을 세는 중: {total}명 중 {done}명…</translation>
    </message>
</context>
<context>
    <name>YesNoPanel</name>
    <message>
        <source>Yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>No</source>
        <translation>아니요</translation>
    </message>
    <message>
        <source>Not sure</source>
        <translation>잘 모름</translation>
    </message>
    <message>
        <source>Refused to answer</source>
        <translation>답변 거부</translation>
    </message>
    <message>
        <source>Shortcut: {key}</source>
        <translation>단축키: {key}</translation>
    </message>
</context>
</TS>
