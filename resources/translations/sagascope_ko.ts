<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>Sagascope::Autosaver</name>
    <message>
        <source>Cannot lock the recovery folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Sagascope::DiagnosticModel</name>
    <message>
        <source>Error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>경고</translation>
    </message>
    <message>
        <source>Quick fix: %1</source>
        <translation>빠른 수정: %1</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>심각도</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>규칙</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
</context>
<context>
    <name>Sagascope::MainWindow</name>
    <message>
        <source>&amp;New</source>
        <translation>새로 만들기(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new, empty saga</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a .saga file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>저장(&amp;S)</translation>
    </message>
    <message>
        <source>Save the saga</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>다른 이름으로 저장(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the saga under a new name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>Apply &amp;Quick Fix</source>
        <translation>빠른 수정 적용(&amp;Q)</translation>
    </message>
    <message>
        <source>Apply the quick fix of the selected problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear Menu</source>
        <translation>목록 지우기(&amp;C)</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>최근 파일 열기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>기본 도구 모음</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Sagascope</source>
        <translation>Sagascope 정보(&amp;A)</translation>
    </message>
    <message>
        <source>About Sagascope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Sagascope %1&lt;/h3&gt;&lt;p&gt;Design, run and understand sagas: compensatable, pivot and retriable steps, checked for a safe order.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt 정보(&amp;Q)</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 열림</translation>
    </message>
    <message>
        <source>Cannot Open File</source>
        <translation>파일을 열 수 없음</translation>
    </message>
    <message>
        <source>Sagascope cannot save %1.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 저장됨</translation>
    </message>
    <message>
        <source>Open Saga</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sagas (*.saga);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Save File</source>
        <translation>파일을 저장할 수 없음</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Saga As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sagas (*.saga)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new saga</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>저장하지 않은 변경 사항</translation>
    </message>
    <message>
        <source>%1 has unsaved changes.
Do you want to save them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovered unsaved changes from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an untitled saga</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recover Unsaved Changes</source>
        <translation>저장하지 않은 변경 사항 복구</translation>
    </message>
    <message>
        <source>Sagascope did not close properly. Recover the unsaved changes to %1, autosaved %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation>복구(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>버리기(&amp;D)</translation>
    </message>
    <message>
        <source>Cannot Recover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Apply Quick Fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quick fix for %1 no longer applies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied quick fix: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick fix (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No quick fixes for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>제목 없음</translation>
    </message>
    <message>
        <source>%1[*] — Sagascope</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n개 단계</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>오류 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>경고 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>문제 (%1)</translation>
    </message>
    <message>
        <source>Quick fix: %1</source>
        <translation>빠른 수정: %1</translation>
    </message>
    <message>
        <source>Select a problem that offers a quick fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;열림&gt;</translation>
    </message>
    <message>
        <source>History</source>
        <translation>기록</translation>
    </message>
    <message>
        <source>New from E&amp;xample</source>
        <translation>예제로 새로 만들기(&amp;X)</translation>
    </message>
    <message>
        <source>Cannot Open Example</source>
        <translation>예제를 열 수 없음</translation>
    </message>
    <message>
        <source>File: %1, line %2, column %3</source>
        <translation>파일: %1, %2행 %3열</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>파일: %1</translation>
    </message>
    <message>
        <source>Place: %1</source>
        <translation>위치: %1</translation>
    </message>
    <message>
        <source>Fault: %1</source>
        <translation>오류: %1</translation>
    </message>
    <message>
        <source>Sagascope cannot open %1.</source>
        <translation>Sagascope가 %1을(를) 열 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>Sagascope::ProblemsPanel</name>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <source>No problems: the order of the steps is safe.</source>
        <translation>문제 없음: 단계 순서가 안전합니다.</translation>
    </message>
    <message>
        <source>Quick fix:</source>
        <translation>빠른 수정:</translation>
    </message>
</context>
<context>
    <name>Sagascope::SagaDocument</name>
    <message>
        <source>The saga has no file name yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Add %n step(s)</source>
        <translation>
            <numerusform>단계 %n개 추가</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n step(s)</source>
        <translation>
            <numerusform>단계 %n개 삭제</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relabel %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Move %n step(s)</source>
        <translation>
            <numerusform>단계 %n개 이동</numerusform>
        </translation>
    </message>
    <message>
        <source>Make %1 run after %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove dependency %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit services</source>
        <translation>서비스 편집</translation>
    </message>
    <message>
        <source>Rename service %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit saga name and description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick fix: %1</source>
        <translation>빠른 수정: %1</translation>
    </message>
    <message>
        <source>Quick fix for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-layout</source>
        <translation>자동 배치</translation>
    </message>
</context>
<context>
    <name>Sagascope::Screenshot</name>
    <message>
        <source>Cannot write the screenshot %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window was still busy; screenshot taken anyway.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Sagascope::StepTableModel</name>
    <message>
        <source>compensatable</source>
        <translation>보상 가능</translation>
    </message>
    <message>
        <source>pivot</source>
        <translation>피벗</translation>
    </message>
    <message>
        <source>retriable</source>
        <translation>재시도 가능</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>서비스</translation>
    </message>
    <message>
        <source>After</source>
        <translation>선행 단계</translation>
    </message>
    <message>
        <source>The pivot has no compensation: once it succeeds the saga runs to completion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>보상</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Design, run and understand sagas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The .saga file to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Render the main window once it is idle, save it as a PNG and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window size, e.g. 1280x800 (default 1280x800 with --screenshot).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only one file can be opened at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--size expects WIDTHxHEIGHT, e.g. 1280x800, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
