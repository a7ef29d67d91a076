<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>CardStyle</name>
    <message>
        <source>Compensatable</source>
        <translation>보상 가능</translation>
    </message>
    <message>
        <source>Pivot</source>
        <translation>피벗</translation>
    </message>
    <message>
        <source>Retriable</source>
        <translation>재시도 가능</translation>
    </message>
</context>
<context>
    <name>FailurePreset</name>
    <message>
        <source>No step has the id &quot;%1&quot;.</source>
        <translation>ID가 &quot;%1&quot;인 단계가 없습니다.</translation>
    </message>
</context>
<context>
    <name>GraphvizLayout</name>
    <message>
        <source>Graphviz could not start (gvContext failed)</source>
        <translation>Graphviz를 시작할 수 없습니다(gvContext 실패).</translation>
    </message>
    <message>
        <source>Graphviz could not create a graph: %1</source>
        <translation>Graphviz가 그래프를 만들 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Graphviz could not lay out the saga: %1</source>
        <translation>Graphviz가 사가를 배치할 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>JsonReader</name>
    <message>
        <source>the file is empty; a .saga file is a JSON object</source>
        <translation>파일이 비어 있습니다. .saga 파일은 JSON 객체여야 합니다</translation>
    </message>
    <message>
        <source>unexpected text after the end of the JSON document</source>
        <translation>JSON 문서가 끝난 뒤에 예상치 못한 텍스트가 있습니다</translation>
    </message>
    <message>
        <source>the file ends in the middle of the JSON document (truncated?)</source>
        <translation>JSON 문서 중간에서 파일이 끝납니다(잘린 파일일 수 있음)</translation>
    </message>
    <message>
        <source>expected a JSON value, found &apos;%1&apos;</source>
        <translation>JSON 값이 와야 하는데 &apos;%1&apos;이(가) 있습니다</translation>
    </message>
    <message>
        <source>expected a JSON value (true, false, null, a number, a string, an array or an object)</source>
        <translation>JSON 값(true, false, null, 숫자, 문자열, 배열 또는 객체)이 와야 합니다</translation>
    </message>
    <message>
        <source>malformed number</source>
        <translation>숫자 형식이 잘못되었습니다</translation>
    </message>
    <message>
        <source>malformed number: a digit must follow the decimal point</source>
        <translation>숫자 형식이 잘못되었습니다: 소수점 뒤에는 숫자가 와야 합니다</translation>
    </message>
    <message>
        <source>malformed number: a digit must follow the exponent</source>
        <translation>숫자 형식이 잘못되었습니다: 지수 뒤에는 숫자가 와야 합니다</translation>
    </message>
    <message>
        <source>number out of range</source>
        <translation>숫자가 범위를 벗어났습니다</translation>
    </message>
    <message>
        <source>malformed \u escape in a string</source>
        <translation>문자열의 \u 이스케이프 형식이 잘못되었습니다</translation>
    </message>
    <message>
        <source>the text is not valid UTF-8 (byte 0x%1)</source>
        <translation>텍스트가 올바른 UTF-8이 아닙니다(바이트 0x%1)</translation>
    </message>
    <message>
        <source>the text is not valid UTF-8 (a multi-byte sequence is cut short)</source>
        <translation>텍스트가 올바른 UTF-8이 아닙니다(멀티바이트 시퀀스가 중간에 끊김)</translation>
    </message>
    <message>
        <source>the text is not valid UTF-8 (an overlong or out-of-range sequence)</source>
        <translation>텍스트가 올바른 UTF-8이 아닙니다(너무 길거나 범위를 벗어난 시퀀스)</translation>
    </message>
    <message>
        <source>the file ends inside a string (a closing quote is missing)</source>
        <translation>문자열 안에서 파일이 끝납니다(닫는 따옴표가 없음)</translation>
    </message>
    <message>
        <source>a control character must be escaped inside a string (a closing quote may be missing)</source>
        <translation>문자열 안의 제어 문자는 이스케이프해야 합니다(닫는 따옴표가 없을 수 있음)</translation>
    </message>
    <message>
        <source>the file ends inside a string</source>
        <translation>문자열 안에서 파일이 끝납니다</translation>
    </message>
    <message>
        <source>a lone UTF-16 surrogate in a \u escape</source>
        <translation>\u 이스케이프에 짝이 없는 UTF-16 서로게이트가 있습니다</translation>
    </message>
    <message>
        <source>unknown escape &apos;\%1&apos; in a string</source>
        <translation>문자열에 알 수 없는 이스케이프 &apos;\%1&apos;이(가) 있습니다</translation>
    </message>
    <message>
        <source>the JSON is nested more than %1 levels deep</source>
        <translation>JSON 중첩이 %1단계보다 깊습니다</translation>
    </message>
    <message>
        <source>the file ends inside an object (a &apos;}&apos; is missing)</source>
        <translation>객체 안에서 파일이 끝납니다(&apos;}&apos;가 없음)</translation>
    </message>
    <message>
        <source>expected a quoted key in an object</source>
        <translation>객체에는 따옴표로 묶은 키가 와야 합니다</translation>
    </message>
    <message>
        <source>duplicate key &quot;%1&quot;</source>
        <translation>키 &quot;%1&quot;이(가) 중복되었습니다</translation>
    </message>
    <message>
        <source>expected &apos;:&apos; after the key &quot;%1&quot;</source>
        <translation>키 &quot;%1&quot; 뒤에는 &apos;:&apos;가 와야 합니다</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;}&apos; in an object</source>
        <translation>객체에는 &apos;,&apos; 또는 &apos;}&apos;가 와야 합니다</translation>
    </message>
    <message>
        <source>the file ends inside an array (a &apos;]&apos; is missing)</source>
        <translation>배열 안에서 파일이 끝납니다(&apos;]&apos;가 없음)</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;]&apos; in an array</source>
        <translation>배열에는 &apos;,&apos; 또는 &apos;]&apos;가 와야 합니다</translation>
    </message>
</context>
<context>
    <name>PivotMarkerItem</name>
    <message>
        <source>point of no return</source>
        <translation>되돌릴 수 없는 지점</translation>
    </message>
    <message>
        <source>← rolled back on failure</source>
        <translation>← 실패 시 롤백</translation>
    </message>
    <message>
        <source>only forward →</source>
        <translation>정방향으로만 →</translation>
    </message>
    <message>
        <source>↑ rolled back on failure</source>
        <translation>↑ 실패 시 롤백</translation>
    </message>
    <message>
        <source>↓ only forward</source>
        <translation>↓ 정방향으로만</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source> ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>unbounded</source>
        <translation>무제한</translation>
    </message>
</context>
<context>
    <name>SagaEdit</name>
    <message>
        <source>Move %1 after %2</source>
        <translation>%1을(를) %2 뒤로 이동</translation>
    </message>
    <message>
        <source>Make %1 also wait for %2</source>
        <translation>%1이(가) %2도 기다리도록 설정</translation>
    </message>
    <message>
        <source>Make %1 %2</source>
        <translation>%1의 종류를 %2(으)로 변경</translation>
    </message>
    <message>
        <source>Mark %1 as idempotent</source>
        <translation>%1을(를) 멱등으로 표시</translation>
    </message>
    <message>
        <source>Mark %1 as not idempotent</source>
        <translation>%1의 멱등 표시 해제</translation>
    </message>
    <message>
        <source>Retry the compensation of %1 until it succeeds</source>
        <translation>%1의 보상 트랜잭션을 성공할 때까지 재시도</translation>
    </message>
    <message>
        <source>Retry the compensation of %1 at most %2 times</source>
        <translation>%1의 보상 트랜잭션을 최대 %2회 재시도</translation>
    </message>
    <message>
        <source>Retry %1 until it succeeds</source>
        <translation>%1을(를) 성공할 때까지 재시도</translation>
    </message>
    <message>
        <source>Retry %1 at most %2 times</source>
        <translation>%1을(를) 최대 %2회 재시도</translation>
    </message>
    <message>
        <source>%1: no step is called &apos;%2&apos;</source>
        <translation>%1: &apos;%2&apos;(이)라는 단계가 없습니다</translation>
    </message>
    <message>
        <source>%1: a step cannot wait for itself</source>
        <translation>%1: 단계는 자기 자신을 기다릴 수 없습니다</translation>
    </message>
    <message>
        <source>%1: the number of attempts cannot be negative</source>
        <translation>%1: 시도 횟수는 음수일 수 없습니다</translation>
    </message>
    <message>
        <source>%1: %2 has no compensation</source>
        <translation>%1: %2에는 보상 트랜잭션이 없습니다</translation>
    </message>
    <message>
        <source>Compensate %1 on %2</source>
        <translation>%2 이벤트에 %1 보상</translation>
    </message>
    <message>
        <source>Make %1 publish %2 when it succeeds</source>
        <translation>%1이(가) 성공하면 %2을(를) 발행하도록 설정</translation>
    </message>
    <message>
        <source>Make %1 publish %2 when it fails</source>
        <translation>%1이(가) 실패하면 %2을(를) 발행하도록 설정</translation>
    </message>
    <message>
        <source>Make %1 publish %2 when it is compensated</source>
        <translation>%1이(가) 보상되면 %2을(를) 발행하도록 설정</translation>
    </message>
    <message>
        <source>%1: no event is named</source>
        <translation>%1: 이벤트 이름이 없습니다</translation>
    </message>
</context>
<context>
    <name>SagaFile</name>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation>불리언</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>숫자</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>문자열</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>배열</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>객체</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>빈 값</translation>
    </message>
    <message>
        <source>expected %1, found %2</source>
        <translation>%1 값이어야 하는데 %2입니다</translation>
    </message>
    <message>
        <source>the required field &quot;%1&quot; is missing</source>
        <translation>필수 필드 &quot;%1&quot;이(가) 없습니다</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 또는 false</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>정수</translation>
    </message>
    <message>
        <source>expected a whole number, found %1</source>
        <translation>정수여야 하는데 %1입니다</translation>
    </message>
    <message>
        <source>%1 is out of range (%2 to %3)</source>
        <translation>%1은(는) 범위(%2~%3)를 벗어났습니다</translation>
    </message>
    <message>
        <source>an array of strings</source>
        <translation>문자열 배열</translation>
    </message>
    <message>
        <source>expected [min, max] or a single number, found an array of %1</source>
        <translation>[min, max] 또는 숫자 하나여야 하는데 원소가 %1개인 배열입니다</translation>
    </message>
    <message>
        <source>the minimum (%1) is larger than the maximum (%2)</source>
        <translation>최솟값(%1)이 최댓값(%2)보다 큽니다</translation>
    </message>
    <message>
        <source>[min, max] or a single number</source>
        <translation>[min, max] 또는 숫자 하나</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid step id (letters, digits and &apos;_&apos;, not starting with a digit)</source>
        <translation>&quot;%1&quot;은(는) 올바른 단계 ID가 아닙니다(문자, 숫자, &apos;_&apos;만 사용하고 숫자로 시작할 수 없음)</translation>
    </message>
    <message>
        <source>unknown kind &quot;%1&quot;; expected &quot;compensatable&quot;, &quot;pivot&quot; or &quot;retriable&quot;</source>
        <translation>알 수 없는 종류 &quot;%1&quot;입니다. &quot;compensatable&quot;, &quot;pivot&quot;, &quot;retriable&quot; 중 하나여야 합니다</translation>
    </message>
    <message>
        <source>the required field &quot;action&quot; is missing</source>
        <translation>필수 필드 &quot;action&quot;이 없습니다</translation>
    </message>
    <message>
        <source>a service id cannot be empty</source>
        <translation>서비스 ID는 비워 둘 수 없습니다</translation>
    </message>
    <message>
        <source>a .saga file is a JSON object, found %1</source>
        <translation>.saga 파일은 JSON 객체여야 하는데 %1입니다</translation>
    </message>
    <message>
        <source>unsupported format &quot;%1&quot;; this version reads &quot;%2&quot;</source>
        <translation>지원하지 않는 형식 &quot;%1&quot;입니다. 이 버전은 &quot;%2&quot; 형식을 읽습니다</translation>
    </message>
    <message>
        <source>unknown mode &quot;%1&quot;; expected &quot;orchestration&quot; or &quot;choreography&quot;</source>
        <translation>알 수 없는 모드 &quot;%1&quot;입니다. &quot;orchestration&quot;(오케스트레이션) 또는 &quot;choreography&quot;(코레오그래피)여야 합니다</translation>
    </message>
    <message>
        <source>the required field &quot;steps&quot; is missing</source>
        <translation>필수 필드 &quot;steps&quot;가 없습니다</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>파일이 없습니다</translation>
    </message>
    <message>
        <source>is a directory, not a .saga file</source>
        <translation>.saga 파일이 아니라 디렉터리입니다</translation>
    </message>
    <message>
        <source>the file is too large (%1 MB; the limit is %2 MB)</source>
        <translation>파일이 너무 큽니다(%1MB, 한도 %2MB)</translation>
    </message>
    <message>
        <source>cannot be read: %1</source>
        <translation>읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>the file is too large (the limit is %1 MB)</source>
        <translation>파일이 너무 큽니다(한도 %1MB)</translation>
    </message>
    <message>
        <source>%1: cannot be written: %2</source>
        <translation>%1: 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>an event name (a string)</source>
        <translation>이벤트 이름(문자열)</translation>
    </message>
    <message>
        <source>an event name cannot be empty</source>
        <translation>이벤트 이름은 비워 둘 수 없습니다</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid event name (no spaces or control characters)</source>
        <translation>&quot;%1&quot;은(는) 올바른 이벤트 이름이 아닙니다(공백이나 제어 문자를 쓸 수 없음)</translation>
    </message>
    <message>
        <source>an array of event names</source>
        <translation>이벤트 이름 배열</translation>
    </message>
    <message>
        <source>the event &quot;%1&quot; is listed twice</source>
        <translation>이벤트 &quot;%1&quot;이(가) 두 번 나열되었습니다</translation>
    </message>
    <message>
        <source>at most %1 events can be listed</source>
        <translation>이벤트는 최대 %1개까지 나열할 수 있습니다</translation>
    </message>
    <message>
        <source>an object {&quot;success&quot;: event, &quot;failure&quot;: event}</source>
        <translation>객체 {&quot;success&quot;: 이벤트, &quot;failure&quot;: 이벤트}</translation>
    </message>
    <message>
        <source>a resource name cannot be empty</source>
        <translation>리소스 이름은 비워 둘 수 없습니다</translation>
    </message>
    <message>
        <source>the required field &quot;delta&quot; is missing</source>
        <translation>필수 필드 &quot;delta&quot;가 없습니다</translation>
    </message>
    <message>
        <source>unknown countermeasure &quot;%1&quot;; expected &quot;semanticLock&quot;, &quot;commutative&quot; or &quot;rereadValue&quot;</source>
        <translation>알 수 없는 대응책 &quot;%1&quot;; &quot;semanticLock&quot;, &quot;commutative&quot; 또는 &quot;rereadValue&quot;여야 합니다</translation>
    </message>
    <message>
        <source>unknown value &quot;%1&quot;; expected &quot;wait&quot; or &quot;fail&quot;</source>
        <translation>알 수 없는 값 &quot;%1&quot;; &quot;wait&quot; 또는 &quot;fail&quot;이어야 합니다</translation>
    </message>
</context>
<context>
    <name>Sagascope::Autosaver</name>
    <message>
        <source>Cannot lock the recovery folder %1.</source>
        <translation>복구 폴더 %1을(를) 잠글 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>Sagascope::ChoreographyScene</name>
    <message>
        <source>called by the orchestrator</source>
        <translation>오케스트레이터가 호출</translation>
    </message>
    <message>
        <source>on: (nothing: never runs)</source>
        <translation>on: (없음: 실행되지 않음)</translation>
    </message>
    <message>
        <source>on: %1</source>
        <translation>on: %1</translation>
    </message>
    <message>
        <source>emits nothing</source>
        <translation>발행하는 이벤트 없음</translation>
    </message>
    <message>
        <source>emits %1</source>
        <translation>발행: %1</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>%1 수신 시</translation>
    </message>
    <message>
        <source>Orchestrator</source>
        <translation>오케스트레이터</translation>
    </message>
    <message>
        <source>(no service)</source>
        <translation>(서비스 없음)</translation>
    </message>
    <message>
        <source>Orchestrator: calls each step in order (commands)</source>
        <translation>오케스트레이터: 각 단계를 순서대로 호출(명령)</translation>
    </message>
    <message>
        <source>Event bus (embedded broker: outbox, at-least-once delivery, inbox)</source>
        <translation>이벤트 버스(내장 브로커: 아웃박스, 최소 한 번 전달, 인박스)</translation>
    </message>
    <message>
        <source>%1 (start)</source>
        <translation>%1 (시작)</translation>
    </message>
    <message>
        <source>%1 is delivered to %2 (select and press Delete to unsubscribe)</source>
        <translation>%1이(가) %2에 전달됩니다(선택하고 Delete를 누르면 구독 해제)</translation>
    </message>
    <message>
        <source>%1 publishes %2</source>
        <translation>%1이(가) %2을(를) 발행</translation>
    </message>
    <message>
        <source>The orchestrator calls %1 (%2)</source>
        <translation>오케스트레이터가 %1을(를) 호출(%2)</translation>
    </message>
    <message>
        <source>%1 already waits for what %2 emits</source>
        <translation>%1은(는) 이미 %2이(가) 발행하는 이벤트를 기다립니다</translation>
    </message>
</context>
<context>
    <name>Sagascope::ChoreographySplit</name>
    <message>
        <source>Compare with the choreographed form</source>
        <translation>코레오그래피 형태와 비교</translation>
    </message>
    <message>
        <source>Show this orchestration converted to a choreography (as Mode would convert it), read-only; each run is then also run in that form with the same seed and failures</source>
        <translation>이 오케스트레이션을 코레오그래피로 변환해(모드 변환과 같은 방식) 읽기 전용으로 보여 줍니다. 그러면 각 실행이 같은 시드와 실패로 그 형태로도 실행됩니다</translation>
    </message>
    <message>
        <source>&amp;Choreography View</source>
        <translation>코레오그래피 뷰(&amp;C)</translation>
    </message>
    <message>
        <source>Show who talks to whom beside the canvas: services as lanes, the event bus, commands and events (Ctrl+Shift+E)</source>
        <translation>캔버스 옆에 누가 누구와 통신하는지 보여 줍니다: 레인으로 나눈 서비스, 이벤트 버스, 명령과 이벤트(Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>The saga has no choreographed form: %1</source>
        <translation>이 사가에는 코레오그래피 형태가 없습니다: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;As choreography&lt;/b&gt; (converted, read-only)</source>
        <translation>&lt;b&gt;코레오그래피로&lt;/b&gt; (변환됨, 읽기 전용)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Who talks to whom&lt;/b&gt;: services, the event bus, commands and events</source>
        <translation>&lt;b&gt;누가 누구와 통신하는가&lt;/b&gt;: 서비스, 이벤트 버스, 명령과 이벤트</translation>
    </message>
</context>
<context>
    <name>Sagascope::ChoreographyTwin</name>
    <message>
        <source>The choreographed form cannot run: %1</source>
        <translation>코레오그래피 형태를 실행할 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>Sagascope::ChoreographyView</name>
    <message>
        <source>Choreography view</source>
        <translation>코레오그래피 뷰</translation>
    </message>
</context>
<context>
    <name>Sagascope::ComparisonChartWidget</name>
    <message>
        <source>Compare runs the saga under both protocols with the same seed and load.</source>
        <translation>비교는 같은 시드와 부하로 두 프로토콜에서 사가를 실행합니다.</translation>
    </message>
    <message>
        <source>Saga</source>
        <translation>사가</translation>
    </message>
    <message>
        <source>Two-phase commit (2PC)</source>
        <translation>2단계 커밋(2PC)</translation>
    </message>
    <message>
        <source>%1 · higher is better</source>
        <translation>%1 · 높을수록 좋음</translation>
    </message>
    <message>
        <source>%1 · lower is better</source>
        <translation>%1 · 낮을수록 좋음</translation>
    </message>
</context>
<context>
    <name>Sagascope::ComparisonDialog</name>
    <message>
        <source>Compare Protocols</source>
        <translation>프로토콜 비교</translation>
    </message>
    <message>
        <source>all at once</source>
        <translation>모두 동시에</translation>
    </message>
    <message>
        <source>Both protocols run with this seed: the same seed gives the same figures</source>
        <translation>두 프로토콜 모두 이 시드로 실행합니다. 같은 시드는 같은 수치를 냅니다</translation>
    </message>
    <message>
        <source>&amp;Instances:</source>
        <translation>인스턴스(&amp;I):</translation>
    </message>
    <message>
        <source>In &amp;flight at once:</source>
        <translation>동시 실행 수(&amp;F):</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>시드(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>비교(&amp;C)</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>취소(&amp;N)</translation>
    </message>
    <message>
        <source>Export &amp;PNG…</source>
        <translation>PNG로 내보내기(&amp;P)…</translation>
    </message>
    <message>
        <source>Export C&amp;SV…</source>
        <translation>CSV로 내보내기(&amp;S)…</translation>
    </message>
    <message>
        <source>Saga %1 instances/s, 2PC %2 instances/s</source>
        <translation>사가 초당 %1개, 2PC 초당 %2개</translation>
    </message>
    <message>
        <source>Nothing to export yet: run the comparison first.</source>
        <translation>아직 내보낼 것이 없습니다. 먼저 비교를 실행하세요.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1에 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Export Comparison as PNG</source>
        <translation>비교를 PNG로 내보내기</translation>
    </message>
    <message>
        <source>Export Comparison as CSV</source>
        <translation>비교를 CSV로 내보내기</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
</context>
<context>
    <name>Sagascope::ComparisonRunner</name>
    <message>
        <source>A comparison is in progress.</source>
        <translation>비교가 진행 중입니다.</translation>
    </message>
    <message>
        <source>A comparison needs at least one instance.</source>
        <translation>비교에는 인스턴스가 하나 이상 필요합니다.</translation>
    </message>
    <message>
        <source>The saga has validation errors and cannot run:
%1</source>
        <translation>사가에 검사 오류가 있어 실행할 수 없습니다:
%1</translation>
    </message>
    <message>
        <source>Saga: %1 of %2 instances</source>
        <translation>사가: 인스턴스 %2개 중 %1개</translation>
    </message>
    <message>
        <source>Two-phase commit: %1 of %2 instances</source>
        <translation>2단계 커밋: 인스턴스 %2개 중 %1개</translation>
    </message>
    <message>
        <source>The comparison was cancelled.</source>
        <translation>비교가 취소되었습니다.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
</context>
<context>
    <name>Sagascope::DependencyItem</name>
    <message>
        <source>%1 waits for %2 from %3</source>
        <translation>%1은(는) %3의 %2을(를) 기다립니다</translation>
    </message>
</context>
<context>
    <name>Sagascope::DesignerWindow</name>
    <message>
        <source>Compensatable</source>
        <translation>보상 가능</translation>
    </message>
    <message>
        <source>Pivot</source>
        <translation>피벗</translation>
    </message>
    <message>
        <source>Retriable</source>
        <translation>재시도 가능</translation>
    </message>
    <message>
        <source>Automatic layout failed: %1</source>
        <translation>자동 배치 실패: %1</translation>
    </message>
    <message>
        <source>&amp;Add Step</source>
        <translation>단계 추가(&amp;A)</translation>
    </message>
    <message>
        <source>Add a compensatable step in the middle of the canvas</source>
        <translation>캔버스 가운데에 보상 가능 단계를 추가합니다</translation>
    </message>
    <message>
        <source>Add a compensatable step: undone by its compensation when the saga fails</source>
        <translation>보상 가능 단계를 추가합니다. 사가가 실패하면 보상 트랜잭션으로 되돌립니다</translation>
    </message>
    <message>
        <source>Add a pivot step: the point of no return, with no compensation</source>
        <translation>피벗 단계를 추가합니다. 되돌릴 수 없는 지점이며 보상 트랜잭션이 없습니다</translation>
    </message>
    <message>
        <source>Add a retriable step: after the pivot, idempotent, retried until it succeeds</source>
        <translation>재시도 가능 단계를 추가합니다. 피벗 뒤에 오며, 멱등이고, 성공할 때까지 재시도합니다</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected steps and arrows</source>
        <translation>선택한 단계와 화살표를 삭제합니다</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>잘라내기(&amp;T)</translation>
    </message>
    <message>
        <source>Cut the selected steps to the clipboard</source>
        <translation>선택한 단계를 잘라내어 클립보드에 넣습니다</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected steps to the clipboard</source>
        <translation>선택한 단계를 클립보드에 복사합니다</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>붙여넣기(&amp;P)</translation>
    </message>
    <message>
        <source>Paste steps from the clipboard</source>
        <translation>클립보드의 단계를 붙여 넣습니다</translation>
    </message>
    <message>
        <source>The clipboard holds no steps to paste.</source>
        <translation>클립보드에 붙여 넣을 단계가 없습니다.</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>복제(&amp;U)</translation>
    </message>
    <message>
        <source>Add a copy of the selected steps next to them</source>
        <translation>선택한 단계의 복사본을 옆에 추가합니다</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>이름 바꾸기(&amp;N)</translation>
    </message>
    <message>
        <source>Edit the label of the selected step on the canvas</source>
        <translation>캔버스에서 선택한 단계의 레이블을 편집합니다</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>모두 선택(&amp;A)</translation>
    </message>
    <message>
        <source>Select every step</source>
        <translation>모든 단계를 선택합니다</translation>
    </message>
    <message>
        <source>&amp;Auto Layout</source>
        <translation>자동 배치(&amp;A)</translation>
    </message>
    <message>
        <source>Lay every step out again with Graphviz (one undoable step)</source>
        <translation>Graphviz로 모든 단계를 다시 배치합니다(한 번에 실행 취소 가능)</translation>
    </message>
    <message>
        <source>&amp;Left to Right</source>
        <translation>왼쪽에서 오른쪽으로(&amp;L)</translation>
    </message>
    <message>
        <source>Lay the saga out from left to right</source>
        <translation>사가를 왼쪽에서 오른쪽으로 배치합니다</translation>
    </message>
    <message>
        <source>&amp;Top to Bottom</source>
        <translation>위에서 아래로(&amp;T)</translation>
    </message>
    <message>
        <source>Lay the saga out from top to bottom</source>
        <translation>사가를 위에서 아래로 배치합니다</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>확대</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>축소</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>창에 맞추기(&amp;F)</translation>
    </message>
    <message>
        <source>Show the whole saga</source>
        <translation>사가 전체를 표시합니다</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>실제 크기(&amp;A)</translation>
    </message>
    <message>
        <source>Zoom to 100 %</source>
        <translation>100%로 확대/축소</translation>
    </message>
    <message>
        <source>&amp;Swimlanes by Service</source>
        <translation>서비스별 스윔레인(&amp;S)</translation>
    </message>
    <message>
        <source>Frame each service&apos;s steps in a lane; the auto layout then keeps them together</source>
        <translation>각 서비스의 단계를 한 레인에 묶어 표시합니다. 자동 배치도 이 단계들을 함께 유지합니다</translation>
    </message>
    <message>
        <source>Show &amp;Grid</source>
        <translation>격자 표시(&amp;G)</translation>
    </message>
    <message>
        <source>Show the grid behind the steps</source>
        <translation>단계 뒤에 격자를 표시합니다</translation>
    </message>
    <message>
        <source>S&amp;nap to Grid</source>
        <translation>격자에 맞추기(&amp;N)</translation>
    </message>
    <message>
        <source>Moved steps land on the grid</source>
        <translation>이동한 단계를 격자에 맞춥니다</translation>
    </message>
    <message>
        <source>&amp;SVG…</source>
        <translation>SVG(&amp;S)…</translation>
    </message>
    <message>
        <source>Export the canvas as an SVG drawing</source>
        <translation>캔버스를 SVG 그림으로 내보냅니다</translation>
    </message>
    <message>
        <source>&amp;PNG…</source>
        <translation>PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>Export the canvas as a PNG image</source>
        <translation>캔버스를 PNG 이미지로 내보냅니다</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>속성</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>서비스</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>내보내기(&amp;E)</translation>
    </message>
    <message>
        <source>Add Step of &amp;Kind</source>
        <translation>종류별 단계 추가(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Layout</source>
        <translation>배치(&amp;L)</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>팔레트</translation>
    </message>
    <message>
        <source>Add:</source>
        <translation>추가:</translation>
    </message>
    <message>
        <source>Canvas</source>
        <translation>캔버스</translation>
    </message>
    <message>
        <source>Zoom (Ctrl+wheel, Ctrl++ and Ctrl+-; Ctrl+0 fits the saga)</source>
        <translation>확대/축소(Ctrl+휠, Ctrl++, Ctrl+-, Ctrl+0은 사가 전체 맞춤)</translation>
    </message>
    <message>
        <source>New %1 step</source>
        <translation>새 %1 단계</translation>
    </message>
    <message>
        <source>Added %1; F2 renames it, drag its + port to connect it.</source>
        <translation>%1을(를) 추가했습니다. F2로 이름을 바꾸고, + 포트를 끌어 연결하세요.</translation>
    </message>
    <message>
        <source>Add Step Here</source>
        <translation>여기에 단계 추가</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>종류(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Properties</source>
        <translation>속성(&amp;P)</translation>
    </message>
    <message>
        <source>%1: export writes .svg or .png files.</source>
        <translation>%1: .svg 또는 .png 파일로만 내보낼 수 있습니다.</translation>
    </message>
    <message>
        <source>Nothing to export.</source>
        <translation>내보낼 내용이 없습니다.</translation>
    </message>
    <message>
        <source>saga</source>
        <translation>사가</translation>
    </message>
    <message>
        <source>Export as SVG</source>
        <translation>SVG로 내보내기</translation>
    </message>
    <message>
        <source>Export as PNG</source>
        <translation>PNG로 내보내기</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 그림 (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 내보냄</translation>
    </message>
    <message>
        <source>Cannot export %1: %2</source>
        <translation>%1을(를) 내보낼 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <source>this saga</source>
        <translation>이 사가</translation>
    </message>
    <message>
        <source>Stop the Run?</source>
        <translation>실행을 중지할까요?</translation>
    </message>
    <message>
        <source>A run of %1 is in progress.</source>
        <translation>%1 실행이 진행 중입니다.</translation>
    </message>
    <message>
        <source>A run belongs to the saga it was started on: opening another saga stops it. What it committed stays in its log, if it has one.</source>
        <translation>실행은 시작한 사가에 속합니다. 다른 사가를 열면 실행이 중지됩니다. 사가 로그가 있으면 커밋된 내용은 로그에 남습니다.</translation>
    </message>
    <message>
        <source>Sagascope is following the log %1.</source>
        <translation>Sagascope가 로그 %1을(를) 따라가고 있습니다.</translation>
    </message>
    <message>
        <source>Opening another saga stops following it (the run writing the log goes on).</source>
        <translation>다른 사가를 열면 로그 따라가기를 멈춥니다(로그를 쓰는 실행은 계속됩니다).</translation>
    </message>
    <message>
        <source>&amp;Stop Run</source>
        <translation>실행 중지(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Stop Following</source>
        <translation>따라가기 중지(&amp;S)</translation>
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
    <name>Sagascope::EventFlowOverlay</name>
    <message>
        <source>instance %1</source>
        <translation>인스턴스 %1</translation>
    </message>
</context>
<context>
    <name>Sagascope::EventLogModel</name>
    <message>
        <source>retry in %1 ms</source>
        <translation>%1ms 후 재시도</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%L1 ms</source>
        <translation>%L1ms</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>인스턴스</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>순번</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시간</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>이벤트</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>시도</translation>
    </message>
    <message>
        <source>Failure / reason</source>
        <translation>실패 / 이유</translation>
    </message>
    <message>
        <source>%1 (%2) published</source>
        <translation>%1 (%2) 발행됨</translation>
    </message>
    <message>
        <source>%1 (%2) delivered to the compensation</source>
        <translation>%1 (%2) 보상에 전달됨</translation>
    </message>
    <message>
        <source>%1 (%2) delivered</source>
        <translation>%1 (%2) 전달됨</translation>
    </message>
</context>
<context>
    <name>Sagascope::EventLogPanel</name>
    <message>
        <source>Search correlation id…</source>
        <translation>상관관계 ID 검색…</translation>
    </message>
    <message>
        <source>Search correlation id</source>
        <translation>상관관계 ID 검색</translation>
    </message>
    <message>
        <source>Step filter</source>
        <translation>단계 필터</translation>
    </message>
    <message>
        <source>All steps</source>
        <translation>모든 단계</translation>
    </message>
    <message>
        <source>Event types</source>
        <translation>이벤트 유형</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>모든 이벤트</translation>
    </message>
    <message>
        <source>Failures, retries and compensations</source>
        <translation>실패, 재시도, 보상</translation>
    </message>
    <message>
        <source>Selected instance only</source>
        <translation>선택한 인스턴스만</translation>
    </message>
    <message>
        <source>&amp;Copy as JSON Lines</source>
        <translation>JSON Lines로 복사(&amp;C)</translation>
    </message>
    <message>
        <source>Show only the events of %1</source>
        <translation>%1의 이벤트만 표시</translation>
    </message>
    <message>
        <source>%L1 of %L2 events</source>
        <translation>이벤트 %L2개 중 %L1개</translation>
    </message>
    <message>
        <source>1 event</source>
        <translation>이벤트 1개</translation>
    </message>
    <message>
        <source>%L1 events</source>
        <translation>이벤트 %L1개</translation>
    </message>
    <message>
        <source>%1 of %2 event types</source>
        <translation>이벤트 유형 %2개 중 %1개</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>시드 %1</translation>
    </message>
    <message>
        <source>Event filter</source>
        <translation>이벤트 필터</translation>
    </message>
    <message>
        <source>Only the publications and deliveries of one event (choreography)</source>
        <translation>한 이벤트의 발행과 전달만 표시(코레오그래피)</translation>
    </message>
    <message>
        <source>Any event</source>
        <translation>모든 이벤트</translation>
    </message>
</context>
<context>
    <name>Sagascope::GlossaryDialog</name>
    <message>
        <source>Glossary</source>
        <translation>용어집</translation>
    </message>
    <message>
        <source>More in %1.</source>
        <translation>자세한 내용: %1.</translation>
    </message>
    <message>
        <source>More in %1</source>
        <translation>자세한 내용: %1</translation>
    </message>
</context>
<context>
    <name>Sagascope::HttpExchangePanel</name>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Copy the exchange as text (Ctrl+C); credentials stay redacted</source>
        <translation>주고받은 내용을 텍스트로 복사합니다(Ctrl+C). 자격 증명은 가려진 채로 복사됩니다</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>헤더</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Reply body</source>
        <translation>응답 본문</translation>
    </message>
    <message>
        <source>Request headers</source>
        <translation>요청 헤더</translation>
    </message>
    <message>
        <source>Request body</source>
        <translation>요청 본문</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>상태:</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>결과:</translation>
    </message>
    <message>
        <source>Duration:</source>
        <translation>소요 시간:</translation>
    </message>
    <message>
        <source>HTTP Exchange</source>
        <translation>HTTP 교환</translation>
    </message>
    <message>
        <source>Select an attempt of a step in the Event Log or on the Timeline to see its HTTP exchange.</source>
        <translation>이벤트 로그나 타임라인에서 단계의 시도를 선택하면 그 시도의 HTTP 요청과 응답이 표시됩니다.</translation>
    </message>
    <message>
        <source>action</source>
        <translation>작업</translation>
    </message>
    <message>
        <source>compensation</source>
        <translation>보상</translation>
    </message>
    <message>
        <source>%1 — %2, attempt %3</source>
        <translation>%1 — %2, %3번째 시도</translation>
    </message>
    <message>
        <source>This step is simulated in this run (it was started with --simulate): no HTTP request was sent.</source>
        <translation>이 실행에서는 이 단계가 시뮬레이션되었습니다(--simulate로 시작함). HTTP 요청을 보내지 않았습니다.</translation>
    </message>
    <message>
        <source>This step is simulated: its %1 has no &quot;http&quot;, so no HTTP request is sent.</source>
        <translation>이 단계는 시뮬레이션됩니다. %1에 &quot;http&quot;가 없으므로 HTTP 요청을 보내지 않습니다.</translation>
    </message>
    <message>
        <source>This run keeps no saga log, so its HTTP requests were not kept. Runs started from this window keep one for the session; sagascope-cli run --db PATH keeps every request in the table http_attempts of PATH (docs/REMOTE.md), and sagascope --monitor PATH shows them here.</source>
        <translation>이 실행은 사가 로그를 남기지 않으므로 HTTP 요청이 보관되지 않았습니다. 이 창에서 시작한 실행은 세션 동안 로그를 남깁니다. sagascope-cli run --db PATH는 모든 요청을 PATH의 http_attempts 테이블에 보관하며(docs/REMOTE.md), sagascope --monitor PATH로 열면 여기에 표시됩니다.</translation>
    </message>
    <message>
        <source>The saga log cannot be read: %1</source>
        <translation>사가 로그를 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Request sent: waiting for the reply…</source>
        <translation>요청을 보냈습니다. 응답을 기다리는 중…</translation>
    </message>
    <message>
        <source>The saga log holds no request for this attempt yet.</source>
        <translation>사가 로그에 아직 이 시도의 요청이 없습니다.</translation>
    </message>
    <message>
        <source>No request was sent for this attempt: %1.</source>
        <translation>이 시도에서는 요청을 보내지 않았습니다: %1.</translation>
    </message>
    <message>
        <source>Request %1: %2</source>
        <translation>요청 %1: %2</translation>
    </message>
    <message>
        <source>Request %1</source>
        <translation>요청 %1</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>성공</translation>
    </message>
    <message>
        <source>technical failure: retried while attempts are left</source>
        <translation>기술적 실패: 남은 시도가 있으면 재시도</translation>
    </message>
    <message>
        <source>timed out: effect unknown</source>
        <translation>시간 초과: 효과를 알 수 없음</translation>
    </message>
    <message>
        <source>business failure: not applied, not retried</source>
        <translation>업무 실패: 적용되지 않았고 재시도하지 않음</translation>
    </message>
    <message>
        <source>refused (401): sent again with a new token</source>
        <translation>거부됨(401): 새 토큰으로 다시 보냄</translation>
    </message>
    <message>
        <source>no reply within the step&apos;s timeout: the request was aborted</source>
        <translation>단계의 제한 시간 안에 응답이 없어 요청을 중단했습니다</translation>
    </message>
    <message>
        <source>no HTTP reply: %1</source>
        <translation>HTTP 응답 없음: %1</translation>
    </message>
    <message>
        <source>the connection failed</source>
        <translation>연결에 실패했습니다</translation>
    </message>
    <message>
        <source>%L1 ms</source>
        <translation>%L1ms</translation>
    </message>
    <message>
        <source>Not kept by this log&apos;s version (schema %1; the request is kept from version 7 on).</source>
        <translation>이 로그의 버전에서는 보관하지 않았습니다(스키마 %1, 요청은 버전 7부터 보관).</translation>
    </message>
    <message>
        <source>Nothing was sent: no token could be had in time.</source>
        <translation>아무것도 보내지 않았습니다: 제때 토큰을 받지 못했습니다.</translation>
    </message>
    <message>
        <source>As sent; credentials are redacted in the log.</source>
        <translation>보낸 그대로이며, 자격 증명은 로그에서 가려집니다.</translation>
    </message>
    <message>
        <source>(no body)</source>
        <translation>(본문 없음)</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(비어 있음)</translation>
    </message>
    <message>
        <source>(no reply)</source>
        <translation>(응답 없음)</translation>
    </message>
    <message>
        <source>The first 4 KiB of the reply: the log keeps no more.</source>
        <translation>응답의 처음 4KiB: 로그는 그 이상 보관하지 않습니다.</translation>
    </message>
    <message>
        <source>JSON, indented</source>
        <translation>JSON, 들여쓰기함</translation>
    </message>
    <message>
        <source>Text as received</source>
        <translation>받은 그대로의 텍스트</translation>
    </message>
</context>
<context>
    <name>Sagascope::InstancesModel</name>
    <message>
        <source>%L1 ms</source>
        <translation>%L1ms</translation>
    </message>
    <message>
        <source>%L1 s</source>
        <translation>%L1초</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1분 %2초</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Correlation id</source>
        <translation>상관관계 ID</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>시작 시각</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>소요 시간</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>이유</translation>
    </message>
</context>
<context>
    <name>Sagascope::InstancesPanel</name>
    <message>
        <source>Search id…</source>
        <translation>ID 검색…</translation>
    </message>
    <message>
        <source>Search instance id</source>
        <translation>인스턴스 ID 검색</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>상태 필터</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <source>%L1 of %L2 instances</source>
        <translation>인스턴스 %L2개 중 %L1개</translation>
    </message>
    <message>
        <source>1 instance</source>
        <translation>인스턴스 1개</translation>
    </message>
    <message>
        <source>%L1 instances</source>
        <translation>인스턴스 %L1개</translation>
    </message>
</context>
<context>
    <name>Sagascope::LabelEditor</name>
    <message>
        <source>Enter renames the id too: %1</source>
        <translation>Enter를 누르면 ID도 바뀝니다: %1</translation>
    </message>
    <message>
        <source>Enter keeps the id %1 · Shift+Enter renames it: %2</source>
        <translation>Enter는 ID %1을(를) 유지 · Shift+Enter는 ID도 바꿈: %2</translation>
    </message>
</context>
<context>
    <name>Sagascope::LessonController</name>
    <message>
        <source>Lesson</source>
        <translation>수업</translation>
    </message>
    <message>
        <source>&amp;Lessons…</source>
        <translation>수업(&amp;L)…</translation>
    </message>
    <message>
        <source>Guided lessons: sagas, two-phase commit, isolation</source>
        <translation>안내형 수업: 사가, 2단계 커밋, 격리성</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>The System&apos;s</source>
        <translation>시스템 설정</translation>
    </message>
    <message>
        <source>Language changed. The lessons and the Lesson dock follow at once; menus and other panels follow at the next start.</source>
        <translation>언어를 바꿨습니다. 수업과 수업 패널은 바로 바뀌고, 메뉴와 다른 패널은 다음 실행부터 바뀝니다.</translation>
    </message>
    <message>
        <source>There is no lesson &quot;%1&quot;. The lessons are: %2</source>
        <translation>&quot;%1&quot; 수업은 없습니다. 수업 목록: %2</translation>
    </message>
    <message>
        <source>The lesson &quot;%1&quot; has pages 1 to %2, not %3</source>
        <translation>&quot;%1&quot; 수업의 페이지는 1부터 %2까지입니다. %3은(는) 없습니다</translation>
    </message>
    <message>
        <source>Open Lesson</source>
        <translation>수업 열기</translation>
    </message>
    <message>
        <source>The lesson opens its own saga in place of the one on the canvas, which has unsaved changes. Open the lesson anyway?</source>
        <translation>수업은 캔버스의 사가 대신 자기 사가를 엽니다. 캔버스의 사가에는 저장하지 않은 변경 사항이 있습니다. 그래도 수업을 열까요?</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>수업</translation>
    </message>
</context>
<context>
    <name>Sagascope::LessonDock</name>
    <message>
        <source>Back</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>다음</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>처음부터</translation>
    </message>
    <message>
        <source>Show Me</source>
        <translation>보여 주기</translation>
    </message>
    <message>
        <source>Do the student&apos;s part of this page on the canvas</source>
        <translation>이 페이지에서 학생이 할 일을 캔버스에서 대신 해 보입니다</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>Your turn</source>
        <translation>해 볼 일</translation>
    </message>
    <message>
        <source>No lesson is open: Help › Lessons…</source>
        <translation>열린 수업이 없습니다: 도움말 › 수업…</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>%2페이지 중 %1페이지</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>질문</translation>
    </message>
    <message>
        <source>Tick an answer first.</source>
        <translation>먼저 답을 고르세요.</translation>
    </message>
    <message>
        <source>Right.</source>
        <translation>정답입니다.</translation>
    </message>
    <message>
        <source>Not quite. Read the page again and try once more.</source>
        <translation>아닙니다. 페이지를 다시 읽고 한 번 더 해 보세요.</translation>
    </message>
    <message>
        <source>Not quite: the run says otherwise. Look at the cards and the Event Log again.</source>
        <translation>아닙니다. 실행 결과는 다르게 말합니다. 카드와 이벤트 로그를 다시 보세요.</translation>
    </message>
    <message>
        <source>The answer is read from the run: run the saga first.</source>
        <translation>정답은 실행 결과에서 읽습니다. 먼저 사가를 실행하세요.</translation>
    </message>
    <message>
        <source>This lesson has a problem: %1</source>
        <translation>이 수업에 문제가 있습니다: %1</translation>
    </message>
    <message>
        <source>✓ Lesson complete. Choose another one in Help › Lessons…</source>
        <translation>✓ 수업을 마쳤습니다. 도움말 › 수업…에서 다른 수업을 고르세요.</translation>
    </message>
    <message>
        <source>✓ Done. Press Next.</source>
        <translation>✓ 완료. 다음을 누르세요.</translation>
    </message>
    <message>
        <source>Answer the question to go on.</source>
        <translation>계속하려면 질문에 답하세요.</translation>
    </message>
    <message>
        <source>Do the task above to go on.</source>
        <translation>계속하려면 위의 할 일을 하세요.</translation>
    </message>
    <message>
        <source>Hint: %1</source>
        <translation>힌트: %1</translation>
    </message>
    <message>
        <source>The run ended, but not as the task asks. Look at what happened, then try again.</source>
        <translation>실행이 끝났지만 할 일에서 요구한 결과가 아닙니다. 무슨 일이 있었는지 보고 다시 해 보세요.</translation>
    </message>
</context>
<context>
    <name>Sagascope::LessonsDialog</name>
    <message>
        <source>Lessons</source>
        <translation>수업</translation>
    </message>
    <message>
        <source>Guided lessons on distributed transactions and sagas. Each one plays beside the canvas; your progress is remembered.</source>
        <translation>분산 트랜잭션과 사가에 관한 안내형 수업입니다. 각 수업은 캔버스 옆에서 진행되고, 진도는 기억됩니다.</translation>
    </message>
    <message>
        <source>✓ done</source>
        <translation>✓ 완료</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>%2페이지 중 %1페이지</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>시작 안 함</translation>
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
        <translation>비어 있는 새 사가를 시작합니다</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a .saga file</source>
        <translation>.saga 파일을 엽니다</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>저장(&amp;S)</translation>
    </message>
    <message>
        <source>Save the saga</source>
        <translation>사가를 저장합니다</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>다른 이름으로 저장(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the saga under a new name</source>
        <translation>사가를 새 이름으로 저장합니다</translation>
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
        <translation>선택한 문제의 빠른 수정을 적용합니다</translation>
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
        <translation>Sagascope 정보</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Sagascope %1&lt;/h3&gt;&lt;p&gt;Design, run and understand sagas: compensatable, pivot and retriable steps, checked for a safe order.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Sagascope %1&lt;/h3&gt;&lt;p&gt;사가를 설계하고 실행하고 이해합니다. 보상 가능, 피벗, 재시도 가능 단계의 순서가 안전한지 검사합니다.&lt;/p&gt;</translation>
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
        <translation>Sagascope가 %1을(를) 저장할 수 없습니다.

%2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 저장됨</translation>
    </message>
    <message>
        <source>Open Saga</source>
        <translation>사가 열기</translation>
    </message>
    <message>
        <source>Sagas (*.saga);;All files (*)</source>
        <translation>사가 (*.saga);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Cannot Save File</source>
        <translation>파일을 저장할 수 없음</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>제목 없음</translation>
    </message>
    <message>
        <source>Save Saga As</source>
        <translation>사가를 다른 이름으로 저장</translation>
    </message>
    <message>
        <source>Sagas (*.saga)</source>
        <translation>사가 (*.saga)</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>저장하지 않은 변경 사항</translation>
    </message>
    <message>
        <source>%1 has unsaved changes.
Do you want to save them?</source>
        <translation>%1에 저장하지 않은 변경 사항이 있습니다.
저장하시겠습니까?</translation>
    </message>
    <message>
        <source>Recovered unsaved changes from %1</source>
        <translation>%1에서 저장하지 않은 변경 사항을 복구했습니다</translation>
    </message>
    <message>
        <source>an untitled saga</source>
        <translation>제목 없는 사가</translation>
    </message>
    <message>
        <source>Recover Unsaved Changes</source>
        <translation>저장하지 않은 변경 사항 복구</translation>
    </message>
    <message>
        <source>Sagascope did not close properly. Recover the unsaved changes to %1, autosaved %2?</source>
        <translation>Sagascope가 제대로 종료되지 않았습니다. %2에 자동 저장된 %1의 저장하지 않은 변경 사항을 복구하시겠습니까?</translation>
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
        <translation>복구할 수 없음</translation>
    </message>
    <message>
        <source>Cannot Apply Quick Fix</source>
        <translation>빠른 수정을 적용할 수 없음</translation>
    </message>
    <message>
        <source>The quick fix for %1 no longer applies.</source>
        <translation>%1에 대한 빠른 수정을 더 이상 적용할 수 없습니다.</translation>
    </message>
    <message>
        <source>Applied quick fix: %1</source>
        <translation>빠른 수정 적용됨: %1</translation>
    </message>
    <message>
        <source>Quick Fix (%1): %2</source>
        <translation>빠른 수정(%1): %2</translation>
    </message>
    <message>
        <source>No quick fixes for %1</source>
        <translation>%1에 대한 빠른 수정 없음</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>제목 없음</translation>
    </message>
    <message>
        <source>%1[*] — Sagascope</source>
        <translation>%1[*] — Sagascope</translation>
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
        <translation>빠른 수정이 있는 문제를 선택하세요</translation>
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
    <message>
        <source>&amp;Glossary</source>
        <translation>용어집(&amp;G)</translation>
    </message>
    <message>
        <source>Explain This</source>
        <translation>이 항목 설명</translation>
    </message>
    <message>
        <source>The new saga</source>
        <translation>새 사가</translation>
    </message>
    <message>
        <source>Cannot Reload File</source>
        <translation>파일을 다시 불러올 수 없음</translation>
    </message>
    <message>
        <source>Reloaded %1: another program changed it</source>
        <translation>%1을(를) 다시 불러왔습니다: 다른 프로그램이 변경했습니다</translation>
    </message>
    <message>
        <source>%1 was deleted by another program</source>
        <translation>다른 프로그램이 %1을(를) 삭제했습니다</translation>
    </message>
    <message>
        <source>%1 was changed by another program</source>
        <translation>다른 프로그램이 %1을(를) 변경했습니다</translation>
    </message>
    <message>
        <source>File Changed on Disk</source>
        <translation>디스크의 파일이 변경됨</translation>
    </message>
    <message>
        <source>%1 was deleted or moved by another program.</source>
        <translation>다른 프로그램이 %1을(를) 삭제하거나 옮겼습니다.</translation>
    </message>
    <message>
        <source>The saga stays open. Save writes it there again; Save As puts it somewhere else.</source>
        <translation>사가는 열린 채로 남습니다. 저장하면 그 자리에 다시 쓰고, 다른 이름으로 저장하면 다른 곳에 씁니다.</translation>
    </message>
    <message>
        <source>&amp;Keep Open</source>
        <translation>열어 두기(&amp;K)</translation>
    </message>
    <message>
        <source>%1 was changed by another program, and your changes to it are not saved.</source>
        <translation>다른 프로그램이 %1을(를) 변경했고, 이 파일에 대한 내 변경 사항은 저장되지 않았습니다.</translation>
    </message>
    <message>
        <source>Reload takes the file as it is now and drops your changes. Keep Mine goes on with yours (saving then writes over the other program&apos;s changes). Save As keeps both.</source>
        <translation>다시 불러오기는 지금의 파일을 가져오고 내 변경 사항을 버립니다. 내 것 유지는 내 변경 사항으로 계속합니다(이후 저장하면 다른 프로그램의 변경 사항을 덮어씁니다). 다른 이름으로 저장하면 둘 다 남습니다.</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>다시 불러오기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Keep Mine</source>
        <translation>내 것 유지(&amp;K)</translation>
    </message>
    <message>
        <source>%1 was changed by another program.</source>
        <translation>다른 프로그램이 %1을(를) 변경했습니다.</translation>
    </message>
    <message>
        <source>You have no unsaved changes. Reload it to see the new version?</source>
        <translation>저장하지 않은 변경 사항이 없습니다. 새 버전을 보려면 다시 불러올까요?</translation>
    </message>
    <message>
        <source>&amp;Keep This Version</source>
        <translation>이 버전 유지(&amp;K)</translation>
    </message>
    <message>
        <source>Reload files changed by other programs without asking when there are no unsaved changes</source>
        <translation>저장하지 않은 변경 사항이 없으면 다른 프로그램이 변경한 파일을 묻지 않고 다시 불러오기</translation>
    </message>
    <message>
        <source>%1 was deleted by another program since you opened it.</source>
        <translation>연 뒤에 다른 프로그램이 %1을(를) 삭제했습니다.</translation>
    </message>
    <message>
        <source>%1 was changed by another program since you opened it.</source>
        <translation>연 뒤에 다른 프로그램이 %1을(를) 변경했습니다.</translation>
    </message>
    <message>
        <source>Save writes your version there again.</source>
        <translation>저장하면 내 버전을 그 자리에 다시 씁니다.</translation>
    </message>
    <message>
        <source>Saving writes over the other program&apos;s changes. Save As keeps both; Reload takes the file&apos;s version and drops yours.</source>
        <translation>저장하면 다른 프로그램의 변경 사항을 덮어씁니다. 다른 이름으로 저장하면 둘 다 남고, 다시 불러오기는 파일의 버전을 가져오고 내 것을 버립니다.</translation>
    </message>
    <message>
        <source>&amp;Save Over It</source>
        <translation>덮어써서 저장(&amp;S)</translation>
    </message>
    <message>
        <source>Untitled, from %1</source>
        <translation>제목 없음, %1에서</translation>
    </message>
    <message>
        <source>%1 (log %2)</source>
        <translation>%1 (로그 %2)</translation>
    </message>
</context>
<context>
    <name>Sagascope::MonitorController</name>
    <message>
        <source>max</source>
        <translation>최대</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>comp. %1</source>
        <translation>보상 %1</translation>
    </message>
    <message>
        <source>Replay: scrub through the selected instance&apos;s history; at the right end, live</source>
        <translation>재생: 선택한 인스턴스의 기록을 탐색합니다. 오른쪽 끝은 실시간입니다</translation>
    </message>
    <message>
        <source>live</source>
        <translation>실시간</translation>
    </message>
    <message>
        <source>Replay:</source>
        <translation>재생:</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>인스턴스</translation>
    </message>
    <message>
        <source>Event Log</source>
        <translation>이벤트 로그</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>타임라인</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>실행(&amp;R)</translation>
    </message>
    <message>
        <source>Run one instance of the saga on the embedded engine (F5)</source>
        <translation>내장 엔진에서 사가 인스턴스 하나를 실행합니다(F5)</translation>
    </message>
    <message>
        <source>Run &amp;N…</source>
        <translation>N개 실행(&amp;N)…</translation>
    </message>
    <message>
        <source>Run many instances, some at once</source>
        <translation>여러 인스턴스를 일부는 동시에 실행합니다</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>일시 중지(&amp;P)</translation>
    </message>
    <message>
        <source>S&amp;tep</source>
        <translation>단계 실행(&amp;T)</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>중지(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Heat</source>
        <translation>히트맵(&amp;H)</translation>
    </message>
    <message>
        <source>Show over each card how many instances sit in each state</source>
        <translation>각 카드 위에 상태별 인스턴스 수를 표시합니다</translation>
    </message>
    <message>
        <source>Open &amp;Log…</source>
        <translation>로그 열기(&amp;L)…</translation>
    </message>
    <message>
        <source>Replay a saga log and follow it live</source>
        <translation>사가 로그를 재생하고 실시간으로 따라갑니다</translation>
    </message>
    <message>
        <source> Speed </source>
        <translation> 속도 </translation>
    </message>
    <message>
        <source>Playback speed of the run&apos;s time: from slow motion to as fast as possible</source>
        <translation>실행 시간의 재생 속도: 느린 재생부터 최고 속도까지</translation>
    </message>
    <message>
        <source> Seed </source>
        <translation> 시드 </translation>
    </message>
    <message>
        <source>random</source>
        <translation>임의</translation>
    </message>
    <message>
        <source>The run&apos;s seed: the same seed gives the same trace. Empty: a random seed</source>
        <translation>실행 시드: 같은 시드는 같은 추적 결과를 냅니다. 비워 두면 임의의 시드를 사용합니다</translation>
    </message>
    <message>
        <source>Attempts that fail:</source>
        <translation>실패할 시도 횟수:</translation>
    </message>
    <message>
        <source>Business Failure</source>
        <translation>비즈니스 실패</translation>
    </message>
    <message>
        <source>Technical Failure ×N…</source>
        <translation>기술적 실패 ×N…</translation>
    </message>
    <message>
        <source>Technical Failure</source>
        <translation>기술적 실패</translation>
    </message>
    <message>
        <source>Timeout ×N…</source>
        <translation>시간 초과 ×N…</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>시간 초과</translation>
    </message>
    <message>
        <source>Compensation Failure ×N…</source>
        <translation>보상 실패 ×N…</translation>
    </message>
    <message>
        <source>Compensation Failure</source>
        <translation>보상 실패</translation>
    </message>
    <message>
        <source>Clear Injected Failures</source>
        <translation>주입한 장애 지우기</translation>
    </message>
    <message>
        <source>Run N Instances</source>
        <translation>인스턴스 N개 실행</translation>
    </message>
    <message>
        <source>all at once</source>
        <translation>모두 동시에</translation>
    </message>
    <message>
        <source>Virtual time (simulated latency does not sleep)</source>
        <translation>가상 시간(시뮬레이션 지연 시간 동안 실제로 대기하지 않음)</translation>
    </message>
    <message>
        <source>Instances:</source>
        <translation>인스턴스:</translation>
    </message>
    <message>
        <source>In flight at once:</source>
        <translation>동시 실행 수:</translation>
    </message>
    <message>
        <source>No saga is open.</source>
        <translation>열린 사가가 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>live (%n event(s))</source>
        <translation>
            <numerusform>실시간(이벤트 %n개)</numerusform>
        </translation>
    </message>
    <message>
        <source>event %1 of %2</source>
        <translation>이벤트 %2개 중 %1번째</translation>
    </message>
    <message>
        <source>Open Saga Log</source>
        <translation>사가 로그 열기</translation>
    </message>
    <message>
        <source>Saga logs (*.db *.sqlite *.sagalog);;All files (*)</source>
        <translation>사가 로그 (*.db *.sqlite *.sagalog);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Pause the run at the next transition, or go on (F6)</source>
        <translation>다음 전이에서 실행을 일시 정지하거나 계속합니다(F6)</translation>
    </message>
    <message>
        <source>While paused: run one more transition (F10)</source>
        <translation>일시 정지 중: 전이를 하나 더 실행합니다(F10)</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>계속(&amp;U)</translation>
    </message>
    <message>
        <source>Breakpoint Before the Action</source>
        <translation>작업 전 중단점</translation>
    </message>
    <message>
        <source>Breakpoint Before the Compensation</source>
        <translation>보상 전 중단점</translation>
    </message>
    <message>
        <source>Inject Failure</source>
        <translation>장애 주입</translation>
    </message>
    <message>
        <source>&amp;Break in the Selected Instance Only</source>
        <translation>선택한 인스턴스에서만 중단(&amp;B)</translation>
    </message>
    <message>
        <source>Breakpoints pause only the instance shown on the canvas (until one is selected, the first instance to reach a breakpoint)</source>
        <translation>중단점이 캔버스에 표시된 인스턴스만 멈춥니다 (선택하기 전에는 중단점에 처음 도달한 인스턴스)</translation>
    </message>
    <message>
        <source>paused before</source>
        <translation>이전에서 일시 중지</translation>
    </message>
    <message>
        <source>paused after</source>
        <translation>이후에서 일시 중지</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>일시 중지됨</translation>
    </message>
    <message numerus="yes">
        <source> (first %n attempt(s))</source>
        <translation>
            <numerusform> (처음 %n회 시도)</numerusform>
        </translation>
    </message>
    <message>
        <source>Seed %1 pinned: the next runs replay it. Clear the Seed field for random seeds.</source>
        <translation>시드 %1을(를) 고정했습니다. 다음 실행은 이 실행을 재현합니다. 무작위 시드를 쓰려면 시드 칸을 비우십시오.</translation>
    </message>
    <message>
        <source>None: nothing fails</source>
        <translation>없음: 아무것도 실패하지 않음</translation>
    </message>
    <message>
        <source>The file&apos;s simulated rates</source>
        <translation>파일의 시뮬레이션 확률</translation>
    </message>
    <message>
        <source>A chosen failure on a chosen step</source>
        <translation>고른 단계에 고른 실패</translation>
    </message>
    <message>
        <source>Chaos: random failures at given rates</source>
        <translation>카오스: 주어진 확률의 무작위 실패</translation>
    </message>
    <message>
        <source>Business failure</source>
        <translation>업무 실패</translation>
    </message>
    <message>
        <source>Technical failure</source>
        <translation>기술적 실패</translation>
    </message>
    <message>
        <source>every attempt</source>
        <translation>모든 시도</translation>
    </message>
    <message>
        <source>Failures:</source>
        <translation>실패:</translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>단계:</translation>
    </message>
    <message>
        <source>Failure:</source>
        <translation>실패 종류:</translation>
    </message>
    <message>
        <source>Technical failure rate:</source>
        <translation>기술적 실패 확률:</translation>
    </message>
    <message>
        <source>Business failure rate:</source>
        <translation>업무 실패 확률:</translation>
    </message>
    <message>
        <source>Stop the run or stop following a log (a run with a saga log can be recovered afterwards; one without loses its unfinished instances)</source>
        <translation>실행을 중지하거나 로그 따라가기를 멈춥니다(사가 로그가 있는 실행은 나중에 복구할 수 있고, 없는 실행은 끝나지 않은 인스턴스를 잃습니다)</translation>
    </message>
    <message>
        <source>&amp;Recover Unfinished Instances</source>
        <translation>끝나지 않은 인스턴스 복구(&amp;R)</translation>
    </message>
    <message>
        <source>Finish the instances that the stopped run left unfinished in its saga log, as &apos;sagascope-cli recover&apos; does</source>
        <translation>&apos;sagascope-cli recover&apos;처럼, 중지된 실행이 사가 로그에 끝내지 못하고 남긴 인스턴스를 마칩니다</translation>
    </message>
    <message>
        <source>The run of the previous saga was stopped.</source>
        <translation>이전 사가의 실행을 중지했습니다.</translation>
    </message>
    <message>
        <source>Run Stopped</source>
        <translation>실행 중지됨</translation>
    </message>
    <message>
        <source>This run kept no saga log, so the unfinished instances are gone: nothing can finish or compensate them. To be able to recover a stopped run, start it with a log (--db FILE).</source>
        <translation>이 실행은 사가 로그를 남기지 않았으므로 끝나지 않은 인스턴스는 사라졌습니다. 무엇도 이들을 마치거나 보상할 수 없습니다. 중지된 실행을 복구할 수 있으려면 로그와 함께(--db FILE) 시작하세요.</translation>
    </message>
    <message>
        <source>They stay in the saga log %1. Recover finishes them now (completing or compensating each, nothing applied twice); or later with
sagascope-cli recover --db %1</source>
        <translation>이 인스턴스들은 사가 로그 %1에 남아 있습니다. 복구하면 지금 마칩니다(각각 완료하거나 보상하며, 두 번 적용되는 것은 없습니다). 나중에 다음 명령으로 복구할 수도 있습니다.
sagascope-cli recover --db %1</translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation>복구(&amp;R)</translation>
    </message>
    <message>
        <source>The run writing %1 has ended.</source>
        <translation>%1을(를) 쓰던 실행이 끝났습니다.</translation>
    </message>
    <message numerus="yes">
        <source>The run writing %1 stopped unexpectedly: %n instance(s) unfinished.</source>
        <translation>
            <numerusform>%1을(를) 쓰던 실행이 예기치 않게 멈췄습니다: 끝나지 않은 인스턴스 %n개.</numerusform>
        </translation>
    </message>
    <message>
        <source>Run Stopped Unexpectedly</source>
        <translation>실행이 예기치 않게 멈춤</translation>
    </message>
    <message>
        <source>The run stopped unexpectedly: recover it?</source>
        <translation>실행이 예기치 않게 멈췄습니다. 복구할까요?</translation>
    </message>
    <message numerus="yes">
        <source>No process writes the saga log %1 any more, and %n instance(s) in it are unfinished (the process was killed, crashed or stopped). Recover finishes them here, nothing applied twice; or later with
sagascope-cli recover --db %1</source>
        <translation>
            <numerusform>사가 로그 %1을(를) 쓰는 프로세스가 더 이상 없고, 로그 안의 인스턴스 %n개가 끝나지 않았습니다(프로세스가 강제 종료되었거나, 충돌했거나, 중지되었습니다). 복구하면 여기서 마치며 두 번 적용되는 것은 없습니다. 나중에 다음 명령으로 복구할 수도 있습니다.
sagascope-cli recover --db %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The last run left nothing in a saga log to recover.</source>
        <translation>마지막 실행은 사가 로그에 복구할 것을 남기지 않았습니다.</translation>
    </message>
    <message numerus="yes">
        <source>The run was stopped with %n started instance(s) unfinished.</source>
        <translation>
            <numerusform>시작된 인스턴스 %n개가 끝나지 않은 채로 실행이 중지되었습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) of the run were never started; nothing needs to be undone for them, and to run them, start the saga again.</source>
        <translation>
            <numerusform>이 실행의 인스턴스 %n개는 시작되지 않았습니다. 이 인스턴스들은 되돌릴 것이 없으며, 실행하려면 사가를 다시 시작하세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>They stay in this session&apos;s saga log until Sagascope closes. Recover finishes them now (completing or compensating each, nothing applied twice).</source>
        <translation>이 인스턴스들은 Sagascope를 닫을 때까지 이 세션의 사가 로그에 남아 있습니다. 복구하면 지금 마칩니다(각각 완료하거나 보상하며, 두 번 적용되는 것은 없습니다).</translation>
    </message>
    <message>
        <source>HTTP Exchange</source>
        <translation>HTTP 교환</translation>
    </message>
</context>
<context>
    <name>Sagascope::MonitorStyle</name>
    <message>
        <source>Running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>성공</translation>
    </message>
    <message>
        <source>Technical failure</source>
        <translation>기술적 실패</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>시간 초과</translation>
    </message>
    <message>
        <source>Business failure</source>
        <translation>비즈니스 실패</translation>
    </message>
    <message>
        <source>Backoff</source>
        <translation>백오프</translation>
    </message>
    <message>
        <source>Compensating</source>
        <translation>보상 중</translation>
    </message>
    <message>
        <source>Compensated</source>
        <translation>보상 완료</translation>
    </message>
    <message>
        <source>Compensation failed</source>
        <translation>보상 실패</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Stuck</source>
        <translation>멈춤</translation>
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
    <name>Sagascope::ProtocolComparison</name>
    <message>
        <source>Outcome</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>instances</source>
        <translation>인스턴스</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation>롤백</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>처리량</translation>
    </message>
    <message>
        <source>instances/s</source>
        <translation>인스턴스/초</translation>
    </message>
    <message>
        <source>throughput</source>
        <translation>처리량</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>지연 시간</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>Lock-hold time</source>
        <translation>잠금 유지 시간</translation>
    </message>
    <message>
        <source>Blocked instances</source>
        <translation>막힌 인스턴스</translation>
    </message>
    <message>
        <source>participants</source>
        <translation>참여자</translation>
    </message>
    <message>
        <source>in doubt</source>
        <translation>불확실</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>이상 현상</translation>
    </message>
    <message>
        <source>count</source>
        <translation>횟수</translation>
    </message>
    <message>
        <source>dirty reads</source>
        <translation>더티 읽기</translation>
    </message>
    <message>
        <source>failed for nothing</source>
        <translation>헛된 실패</translation>
    </message>
    <message>
        <source>lost updates</source>
        <translation>갱신 손실</translation>
    </message>
    <message>
        <source>%1 at once</source>
        <translation>동시에 %1개</translation>
    </message>
    <message>
        <source>all at once</source>
        <translation>모두 동시에</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n instance(s), %2, seed %3</source>
        <translation>
            <numerusform>%1: 인스턴스 %n개, %2, 시드 %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sagascope::ProtocolControls</name>
    <message>
        <source>Saga</source>
        <translation>사가</translation>
    </message>
    <message>
        <source>2PC</source>
        <translation>2PC</translation>
    </message>
    <message>
        <source>The protocol of the next run: a saga, or one distributed transaction with a two-phase commit coordinator</source>
        <translation>다음 실행의 프로토콜: 사가, 또는 2단계 커밋 코디네이터가 있는 하나의 분산 트랜잭션</translation>
    </message>
    <message>
        <source>&amp;Compare Protocols…</source>
        <translation>프로토콜 비교(&amp;C)…</translation>
    </message>
    <message>
        <source>Run the saga under both protocols with the same seed and load, and compare the figures side by side (F7)</source>
        <translation>같은 시드와 부하로 두 프로토콜에서 사가를 실행하고 수치를 나란히 비교합니다 (F7)</translation>
    </message>
    <message>
        <source>Crash the Coordinator</source>
        <translation>코디네이터 장애 내기</translation>
    </message>
    <message>
        <source>&amp;Never</source>
        <translation>안 함(&amp;N)</translation>
    </message>
    <message>
        <source>After &amp;Prepare (before the decision)</source>
        <translation>준비 후, 결정 전(&amp;P)</translation>
    </message>
    <message>
        <source>After the &amp;Decision (before phase two)</source>
        <translation>결정 후, 2단계 전(&amp;D)</translation>
    </message>
    <message>
        <source>2PC: stop the coordinator at this point of the first instance to reach it; its participants stay in doubt until it is recovered</source>
        <translation>2PC: 이 지점에 처음 도달한 인스턴스에서 코디네이터를 멈춥니다. 참여자는 복구될 때까지 불확실 상태로 남습니다</translation>
    </message>
    <message>
        <source>Recover the &amp;Coordinator</source>
        <translation>코디네이터 복구(&amp;C)</translation>
    </message>
    <message>
        <source>Restart the crashed coordinator from its saga log: it sends the logged decision, or aborts when none was logged (Shift+F7)</source>
        <translation>장애 난 코디네이터를 사가 로그에서 다시 시작합니다. 기록된 결정을 보내고, 기록이 없으면 중단합니다 (Shift+F7)</translation>
    </message>
    <message>
        <source> Protocol </source>
        <translation> 프로토콜 </translation>
    </message>
    <message>
        <source>Recover the Coordinator</source>
        <translation>코디네이터 복구</translation>
    </message>
</context>
<context>
    <name>Sagascope::ProtocolOverlay</name>
    <message>
        <source>in doubt</source>
        <translation>불확실</translation>
    </message>
    <message>
        <source>2PC coordinator</source>
        <translation>2PC 코디네이터</translation>
    </message>
    <message>
        <source>Shared resources</source>
        <translation>공유 자원</translation>
    </message>
    <message>
        <source>phase one: prepare, wait for votes</source>
        <translation>1단계: 준비, 투표 대기</translation>
    </message>
    <message>
        <source>decided: commit (logged)</source>
        <translation>결정: 커밋 (기록됨)</translation>
    </message>
    <message>
        <source>decided: abort (logged)</source>
        <translation>결정: 중단 (기록됨)</translation>
    </message>
    <message numerus="yes">
        <source>CRASHED: %n participant(s) in doubt</source>
        <translation>
            <numerusform>장애: 참여자 %n개 불확실</numerusform>
        </translation>
    </message>
    <message>
        <source>done: committed</source>
        <translation>끝: 커밋됨</translation>
    </message>
    <message>
        <source>done: aborted</source>
        <translation>끝: 중단됨</translation>
    </message>
    <message>
        <source>commit ✓</source>
        <translation>커밋 ✓</translation>
    </message>
    <message>
        <source>abort ✗</source>
        <translation>중단 ✗</translation>
    </message>
    <message>
        <source>vote: yes</source>
        <translation>투표: 찬성</translation>
    </message>
    <message>
        <source>vote: no</source>
        <translation>투표: 반대</translation>
    </message>
    <message>
        <source>prepare (attempt %1)</source>
        <translation>준비 (%1번째 시도)</translation>
    </message>
    <message>
        <source>prepare</source>
        <translation>준비</translation>
    </message>
    <message>
        <source>held %1 ms</source>
        <translation>%1 ms 잠금</translation>
    </message>
    <message>
        <source>%1 held %2 ms</source>
        <translation>%1 %2 ms 잠금</translation>
    </message>
    <message>
        <source>locked by %1 for %2 ms</source>
        <translation>%1이(가) %2 ms째 잠금</translation>
    </message>
    <message>
        <source>%1 by %2 (%3)</source>
        <translation>%2의 %1 (%3)</translation>
    </message>
    <message>
        <source>initial value</source>
        <translation>초깃값</translation>
    </message>
    <message numerus="yes">
        <source>CRASHED after logging commit: %n in doubt</source>
        <translation>
            <numerusform>장애: 커밋 기록 후, %n개 불확실</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>CRASHED after logging abort: %n in doubt</source>
        <translation>
            <numerusform>장애: 중단 기록 후, %n개 불확실</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sagascope::ResolveStuckDialog</name>
    <message>
        <source>Resolve Stuck Step</source>
        <translation>멈춘 단계 해결</translation>
    </message>
    <message>
        <source>the compensation of %1</source>
        <translation>%1의 보상</translation>
    </message>
    <message>
        <source>&lt;p&gt;Instance &lt;b&gt;%1&lt;/b&gt; is stuck at &lt;b&gt;%2&lt;/b&gt;: %3.&lt;/p&gt;&lt;p&gt;Say what really became of it. The saga log keeps your answer and your note; the saga then goes on by the rules: forward after &lt;i&gt;done&lt;/i&gt;, rolling back after &lt;i&gt;compensated&lt;/i&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;인스턴스 &lt;b&gt;%1&lt;/b&gt;이(가) &lt;b&gt;%2&lt;/b&gt;에서 멈췄습니다: %3.&lt;/p&gt;&lt;p&gt;그 단계가 실제로 어떻게 되었는지 알려 주십시오. 사가 로그가 답과 메모를 보관하며, 사가는 규칙대로 이어집니다. &lt;i&gt;완료&lt;/i&gt;이면 앞으로, &lt;i&gt;보상됨&lt;/i&gt;이면 롤백합니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Done by hand: the step&apos;s effect happened</source>
        <translation>손으로 완료(&amp;D): 단계의 효과가 일어났음</translation>
    </message>
    <message>
        <source>First check in the participant&apos;s own records that the effect really happened (the payment exists). The step counts as succeeded and the saga goes forward.</source>
        <translation>먼저 참여자 쪽 기록에서 효과가 실제로 일어났는지(결제가 있는지) 확인하십시오. 단계는 성공한 것으로 치고 사가는 앞으로 나아갑니다.</translation>
    </message>
    <message>
        <source>Not for a compensation: the saga is rolling back and cannot go forward from here.</source>
        <translation>보상에는 쓸 수 없습니다: 사가가 롤백 중이라 여기서 앞으로 갈 수 없습니다.</translation>
    </message>
    <message>
        <source>&amp;Compensated by hand: the step was not applied, or you undid it</source>
        <translation>손으로 보상(&amp;C): 단계가 적용되지 않았거나 직접 되돌렸음</translation>
    </message>
    <message>
        <source>Not after the pivot has committed: the saga can only go forward. Retry the step, or resolve it as done once it has been done by hand.</source>
        <translation>피벗이 커밋된 뒤에는 쓸 수 없습니다: 사가는 앞으로만 갈 수 있습니다. 단계를 재시도하거나, 손으로 처리한 뒤 완료로 해결하십시오.</translation>
    </message>
    <message>
        <source>First check that the effect of %1 is undone (by its compensation or by hand). The rollback goes on with the steps before it.</source>
        <translation>먼저 %1의 효과가 (보상이나 손으로) 되돌려졌는지 확인하십시오. 롤백은 그 앞의 단계들로 이어집니다.</translation>
    </message>
    <message>
        <source>First check that the effect did not happen (no charge at the bank), or undo it by hand. The saga rolls back the steps before it.</source>
        <translation>먼저 효과가 일어나지 않았는지(은행에 청구가 없는지) 확인하거나 손으로 되돌리십시오. 사가는 그 앞의 단계들을 롤백합니다.</translation>
    </message>
    <message>
        <source>&amp;Note (who checked what; kept in the saga log):</source>
        <translation>메모(&amp;N) (누가 무엇을 확인했는지, 사가 로그에 보관됨):</translation>
    </message>
    <message>
        <source>e.g. charged by hand, ticket 42</source>
        <translation>예: 손으로 청구함, 티켓 42</translation>
    </message>
    <message>
        <source>&amp;Resolve</source>
        <translation>해결(&amp;R)</translation>
    </message>
</context>
<context>
    <name>Sagascope::RunController</name>
    <message>
        <source>Following %1</source>
        <translation>%1 따라가는 중</translation>
    </message>
    <message>
        <source> at %1</source>
        <translation> %1에서</translation>
    </message>
    <message>
        <source> before the compensation of %1</source>
        <translation> %1의 보상 전</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a step id</source>
        <translation>&apos;%1&apos;은(는) 단계 ID가 아닙니다</translation>
    </message>
    <message>
        <source>A run is in progress: stop it first.</source>
        <translation>실행이 진행 중입니다. 먼저 중지하세요.</translation>
    </message>
    <message>
        <source>Breakpoint%1 (instance %2)</source>
        <translation>중단점%1 (인스턴스 %2)</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>일시 정지됨</translation>
    </message>
    <message>
        <source>Run finished: %1 completed, %2 compensated, %3 stuck</source>
        <translation>실행 완료: 완료 %1개, 보상 완료 %2개, 멈춤 %3개</translation>
    </message>
    <message numerus="yes">
        <source>Running %n instance(s), seed %1</source>
        <translation>
            <numerusform>인스턴스 %n개 실행 중, 시드 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The saga has validation errors and cannot run:
%1</source>
        <translation>사가에 검사 오류가 있어 실행할 수 없습니다:
%1</translation>
    </message>
    <message>
        <source>An injected fault names &apos;%1&apos;, which is not a step of the saga.</source>
        <translation>주입된 실패가 &apos;%1&apos;을(를) 가리키지만, 사가의 단계가 아닙니다.</translation>
    </message>
    <message>
        <source>Cannot create a directory for the crashed coordinator&apos;s log: %1</source>
        <translation>장애 날 코디네이터의 로그를 둘 디렉터리를 만들 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Recovering the coordinator from %1</source>
        <translation>%1에서 코디네이터 복구 중</translation>
    </message>
    <message numerus="yes">
        <source>The 2PC coordinator crashed: %n participant(s) in doubt, holding their locks. Run › Recover the Coordinator finishes them.</source>
        <translation>
            <numerusform>2PC 코디네이터가 장애 났습니다. 참여자 %n개가 잠금을 쥔 채 불확실 상태입니다. 실행 › 코디네이터 복구로 마무리하세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing has run yet</source>
        <translation>아직 실행된 것이 없음</translation>
    </message>
    <message>
        <source>the saga started</source>
        <translation>사가가 시작됨</translation>
    </message>
    <message>
        <source>%1 started (attempt %2)</source>
        <translation>%1 시작됨(시도 %2)</translation>
    </message>
    <message>
        <source>%1 succeeded</source>
        <translation>%1 성공</translation>
    </message>
    <message>
        <source>%1 failed (attempt %2)</source>
        <translation>%1 실패(시도 %2)</translation>
    </message>
    <message>
        <source>a retry of %1 is scheduled</source>
        <translation>%1의 재시도가 예약됨</translation>
    </message>
    <message>
        <source>the compensation of %1 started</source>
        <translation>%1의 보상이 시작됨</translation>
    </message>
    <message>
        <source>the compensation of %1 finished</source>
        <translation>%1의 보상이 끝남</translation>
    </message>
    <message>
        <source>the compensation of %1 failed (attempt %2)</source>
        <translation>%1의 보상 실패(시도 %2)</translation>
    </message>
    <message>
        <source>the saga completed</source>
        <translation>사가가 완료됨</translation>
    </message>
    <message>
        <source>the saga is compensated</source>
        <translation>사가가 보상됨</translation>
    </message>
    <message>
        <source>the saga is stuck</source>
        <translation>사가가 멈춤</translation>
    </message>
    <message>
        <source>Stepped: %1; paused before the next transition</source>
        <translation>한 단계 실행: %1. 다음 전이 전에 일시 중지</translation>
    </message>
    <message>
        <source>Recovering the unfinished instances of %1</source>
        <translation>%1의 끝나지 않은 인스턴스를 복구하는 중</translation>
    </message>
    <message>
        <source>Nothing to recover: the last run finished every instance, or its log was kept in memory.</source>
        <translation>복구할 것이 없습니다: 마지막 실행이 모든 인스턴스를 끝냈거나, 로그를 메모리에만 두었습니다.</translation>
    </message>
    <message>
        <source>This run keeps its log in memory (cannot create a directory for it: %1).</source>
        <translation>이 실행은 로그를 메모리에 둡니다(로그 디렉터리를 만들 수 없음: %1).</translation>
    </message>
    <message>
        <source>This run kept no saga log, so its stuck instances cannot be resumed. Runs started from the window keep one; a run started with --run needs --db FILE.</source>
        <translation>이 실행은 사가 로그를 남기지 않아 멈춘 인스턴스를 재개할 수 없습니다. 창에서 시작한 실행은 로그를 남기며, --run으로 시작한 실행에는 --db FILE이 필요합니다.</translation>
    </message>
    <message>
        <source>Another process is still writing %1: resume %2 once that run has ended (or with sagascope-cli resume).</source>
        <translation>다른 프로세스가 아직 %1을(를) 쓰고 있습니다. 그 실행이 끝난 뒤 %2을(를) 재개하십시오(또는 sagascope-cli resume으로).</translation>
    </message>
    <message>
        <source>Retrying the stuck step of %1</source>
        <translation>%1의 멈춘 단계를 재시도하는 중</translation>
    </message>
    <message>
        <source>Resolving the stuck step of %1 as %2</source>
        <translation>%1의 멈춘 단계를 %2(으)로 해결하는 중</translation>
    </message>
    <message>
        <source>Checking the connections of %1…</source>
        <translation>%1의 연결을 확인하는 중…</translation>
    </message>
    <message>
        <source>Give the endpoint the CA file that signed the service&apos;s certificate (Services dock, CA file), or have the certificate renewed for this host name.</source>
        <translation>서비스의 인증서에 서명한 CA 파일을 엔드포인트에 지정하거나(서비스 도크, CA 파일), 이 호스트 이름으로 인증서를 새로 발급받으세요.</translation>
    </message>
    <message>
        <source>Sign in (Services dock, Sign in).</source>
        <translation>로그인하세요(서비스 도크, 로그인).</translation>
    </message>
    <message>
        <source>Set the environment variable that holds the token, then start Sagascope again.</source>
        <translation>토큰을 담은 환경 변수를 설정한 뒤 Sagascope를 다시 시작하세요.</translation>
    </message>
    <message>
        <source>Keep the client secret in the keychain (Services dock, Client secret) or set %1, then run again.</source>
        <translation>클라이언트 시크릿을 키체인에 보관하거나(서비스 도크, 클라이언트 시크릿) %1을(를) 설정한 뒤 다시 실행하세요.</translation>
    </message>
    <message>
        <source>Sign in again (Services dock, Sign in).</source>
        <translation>다시 로그인하세요(서비스 도크, 로그인).</translation>
    </message>
    <message>
        <source>Check the client id and the client secret (the keychain or %1).</source>
        <translation>클라이언트 ID와 클라이언트 시크릿(키체인 또는 %1)을 확인하세요.</translation>
    </message>
    <message>
        <source>Correct the service&apos;s endpoint (Services dock), or run with --simulate.</source>
        <translation>서비스의 엔드포인트를 고치거나(서비스 도크), --simulate로 실행하세요.</translation>
    </message>
    <message>
        <source>The run was not started: its connection check was stopped.</source>
        <translation>실행을 시작하지 않았습니다: 연결 확인이 중지되었습니다.</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>해결 방법: %1</translation>
    </message>
    <message>
        <source>The run did not start: %1 cannot be called.</source>
        <translation>실행을 시작하지 않았습니다: %1을(를) 호출할 수 없습니다.</translation>
    </message>
    <message>
        <source>Running, although: %1</source>
        <translation>실행 중이지만 주의: %1</translation>
    </message>
</context>
<context>
    <name>Sagascope::RunInputs</name>
    <message>
        <source>Choose &amp;Input…</source>
        <translation>입력 선택(&amp;I)…</translation>
    </message>
    <message>
        <source>The input of the instances (a JSON object, or JSON lines: one instance a line) that the steps&apos; requests read as ${input…}</source>
        <translation>단계의 요청이 ${input…}으로 읽는 인스턴스 입력(JSON 객체 하나, 또는 한 줄에 인스턴스 하나씩인 JSON Lines)</translation>
    </message>
    <message>
        <source>&amp;Simulate Services Offline</source>
        <translation>서비스를 오프라인으로 시뮬레이션(&amp;S)</translation>
    </message>
    <message>
        <source>Run the steps that call services on their simulated behaviour instead: nothing is sent, and virtual time is allowed</source>
        <translation>서비스를 호출하는 단계를 대신 시뮬레이션 동작으로 실행합니다. 아무것도 보내지 않으며 가상 시간을 쓸 수 있습니다</translation>
    </message>
    <message>
        <source>The next runs simulate the services: nothing is sent.</source>
        <translation>다음 실행부터 서비스를 시뮬레이션합니다. 아무것도 보내지 않습니다.</translation>
    </message>
    <message>
        <source>The next runs call the services, on the real clock.</source>
        <translation>다음 실행부터 실제 시계로 서비스를 호출합니다.</translation>
    </message>
    <message>
        <source>Choose the Instances&apos; Input</source>
        <translation>인스턴스 입력 선택</translation>
    </message>
    <message>
        <source>Inputs (*.json *.jsonl);;All files (*)</source>
        <translation>입력 (*.json *.jsonl);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>This input cannot be used: %1</source>
        <translation>이 입력은 쓸 수 없습니다: %1</translation>
    </message>
    <message numerus="yes">
        <source>The next runs read %n input(s) from %1.</source>
        <translation>
            <numerusform>다음 실행부터 %1에서 입력 %n개를 읽습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>The instances&apos; input cannot be used: %1. Choose another with Run › Choose Input….</source>
        <translation>인스턴스 입력을 쓸 수 없습니다: %1. 실행 › 입력 선택…으로 다른 파일을 고르십시오.</translation>
    </message>
    <message>
        <source>Call them (real clock)</source>
        <translation>호출(실제 시계)</translation>
    </message>
    <message>
        <source>Simulate them offline</source>
        <translation>오프라인 시뮬레이션</translation>
    </message>
    <message>
        <source>none: templates read ${input…} as null</source>
        <translation>없음: 템플릿의 ${input…}은 null</translation>
    </message>
    <message>
        <source>A JSON object for every instance, or JSON lines: instance i gets line i (cycling)</source>
        <translation>모든 인스턴스에 쓰는 JSON 객체 하나, 또는 JSON Lines: 인스턴스 i는 i번째 줄을 받습니다(순환)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Real services answer in real time</source>
        <translation>실제 서비스는 실제 시간에 응답합니다</translation>
    </message>
    <message>
        <source>Services:</source>
        <translation>서비스:</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>입력:</translation>
    </message>
</context>
<context>
    <name>Sagascope::RunOverlay</name>
    <message>
        <source>attempt %1 of %2</source>
        <translation>시도 %1/%2</translation>
    </message>
    <message>
        <source>attempt %1 of ∞</source>
        <translation>시도 %1/∞</translation>
    </message>
    <message>
        <source>inject: %1</source>
        <translation>장애 주입: %1</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>%1 · running %2 ms</source>
        <translation>%1 · 실행 중 %2ms</translation>
    </message>
    <message>
        <source>running %1 ms</source>
        <translation>실행 중 %1ms</translation>
    </message>
    <message>
        <source>%1 failed · retry in %2 ms</source>
        <translation>%1 실패 · %2ms 후 재시도</translation>
    </message>
    <message>
        <source>succeeded (attempt %1)</source>
        <translation>성공(%1번째 시도)</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>성공</translation>
    </message>
    <message>
        <source>failed: technical</source>
        <translation>실패: 기술적 오류</translation>
    </message>
    <message>
        <source>failed: timeout</source>
        <translation>실패: 시간 초과</translation>
    </message>
    <message>
        <source>failed: business</source>
        <translation>실패: 비즈니스</translation>
    </message>
    <message>
        <source>compensating (%1)</source>
        <translation>보상 중(%1)</translation>
    </message>
    <message>
        <source>compensating</source>
        <translation>보상 중</translation>
    </message>
    <message>
        <source>compensated (after timeout)</source>
        <translation>보상 완료(시간 초과 후)</translation>
    </message>
    <message>
        <source>compensated</source>
        <translation>보상 완료</translation>
    </message>
    <message>
        <source>compensation %1 failed</source>
        <translation>보상 %1 실패</translation>
    </message>
    <message>
        <source>stuck</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <source>Stuck: %1</source>
        <translation>멈춤: %1</translation>
    </message>
    <message>
        <source> · committed</source>
        <translation> · 커밋됨</translation>
    </message>
    <message>
        <source>%1 %L2</source>
        <translation>%1 %L2</translation>
    </message>
    <message>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>재시도 중</translation>
    </message>
    <message>
        <source>compensation failed</source>
        <translation>보상 실패</translation>
    </message>
</context>
<context>
    <name>Sagascope::SagaDocument</name>
    <message>
        <source>The saga has no file name yet.</source>
        <translation>사가에 아직 파일 이름이 없습니다.</translation>
    </message>
    <message>
        <source>Add step %1</source>
        <translation>단계 %1 추가</translation>
    </message>
    <message numerus="yes">
        <source>Add %n step(s)</source>
        <translation>
            <numerusform>단계 %n개 추가</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete step %1</source>
        <translation>단계 %1 삭제</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n step(s)</source>
        <translation>
            <numerusform>단계 %n개 삭제</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit step %1</source>
        <translation>단계 %1 편집</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation>%1의 이름을 %2(으)로 변경</translation>
    </message>
    <message>
        <source>Relabel %1</source>
        <translation>%1의 레이블 변경</translation>
    </message>
    <message>
        <source>Make %1 %2</source>
        <translation>%1의 종류를 %2(으)로 변경</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>%1 이동</translation>
    </message>
    <message numerus="yes">
        <source>Move %n step(s)</source>
        <translation>
            <numerusform>단계 %n개 이동</numerusform>
        </translation>
    </message>
    <message>
        <source>Make %1 run after %2</source>
        <translation>%1이(가) %2 뒤에 실행되도록 설정</translation>
    </message>
    <message>
        <source>Remove dependency %1 → %2</source>
        <translation>의존 관계 %1 → %2 제거</translation>
    </message>
    <message>
        <source>Edit services</source>
        <translation>서비스 편집</translation>
    </message>
    <message>
        <source>Rename service %1 to %2</source>
        <translation>서비스 %1의 이름을 %2(으)로 변경</translation>
    </message>
    <message>
        <source>Edit saga name and description</source>
        <translation>사가 이름 및 설명 편집</translation>
    </message>
    <message>
        <source>Quick fix: %1</source>
        <translation>빠른 수정: %1</translation>
    </message>
    <message>
        <source>Quick fix for %1</source>
        <translation>%1 빠른 수정</translation>
    </message>
    <message>
        <source>Auto-layout</source>
        <translation>자동 배치</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n dependency(s)</source>
        <translation>
            <numerusform>의존 관계 %n개 삭제</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n step(s) and dependencies</source>
        <translation>
            <numerusform>단계 %n개 및 의존 관계 삭제</numerusform>
        </translation>
    </message>
    <message>
        <source>clipboard</source>
        <translation>클립보드</translation>
    </message>
    <message>
        <source>The clipboard holds no steps.</source>
        <translation>클립보드에 단계가 없습니다.</translation>
    </message>
    <message>
        <source>Add a compensation to %1 (%2)</source>
        <translation>%1에 보상 추가(%2)</translation>
    </message>
    <message>
        <source>Remove the compensation of %1</source>
        <translation>%1의 보상 제거</translation>
    </message>
    <message>
        <source>%1 was deleted by another program since Sagascope last read or saved it; nothing was written.</source>
        <translation>Sagascope가 마지막으로 읽거나 저장한 뒤 다른 프로그램이 %1을(를) 삭제했습니다. 아무것도 쓰지 않았습니다.</translation>
    </message>
    <message>
        <source>%1 was changed by another program since Sagascope last read or saved it; nothing was written, so those changes are kept.</source>
        <translation>Sagascope가 마지막으로 읽거나 저장한 뒤 다른 프로그램이 %1을(를) 변경했습니다. 아무것도 쓰지 않았으므로 그 변경 사항은 그대로 남습니다.</translation>
    </message>
    <message>
        <source>The saga has no file to read again.</source>
        <translation>사가에 다시 읽을 파일이 없습니다.</translation>
    </message>
    <message>
        <source>Convert to choreography</source>
        <translation>코레오그래피로 변환</translation>
    </message>
    <message>
        <source>Convert to orchestration</source>
        <translation>오케스트레이션으로 변환</translation>
    </message>
    <message>
        <source>Subscribe %1 to %2</source>
        <translation>%1이(가) %2을(를) 구독</translation>
    </message>
    <message>
        <source>Unsubscribe %1 from %2</source>
        <translation>%1의 %2 구독 해제</translation>
    </message>
</context>
<context>
    <name>Sagascope::SagaModeControl</name>
    <message>
        <source>Orchestration</source>
        <translation>오케스트레이션</translation>
    </message>
    <message>
        <source>Choreography</source>
        <translation>코레오그래피</translation>
    </message>
    <message>
        <source>An orchestrator calls each step and compensates on failure</source>
        <translation>오케스트레이터가 각 단계를 호출하고 실패하면 보상합니다</translation>
    </message>
    <message>
        <source>Each step reacts to events and publishes its own; a rollback is a chain of events</source>
        <translation>각 단계가 이벤트에 반응하고 자신의 이벤트를 발행합니다. 롤백은 이벤트의 사슬입니다</translation>
    </message>
    <message>
        <source>The saga&apos;s mode. Choosing the other converts the saga (undoable): generated events &lt;Step&gt;Succeeded, &lt;Step&gt;Failed and &lt;Step&gt;Compensated, or dependencies from the events</source>
        <translation>사가의 모드. 다른 쪽을 고르면 사가를 변환합니다(실행 취소 가능): 생성된 이벤트 &lt;Step&gt;Succeeded, &lt;Step&gt;Failed, &lt;Step&gt;Compensated, 또는 이벤트에서 얻은 의존 관계</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>모드(&amp;M):</translation>
    </message>
    <message>
        <source>Converted to choreography: every step now reacts to events (Undo takes it back)</source>
        <translation>코레오그래피로 변환했습니다: 이제 모든 단계가 이벤트에 반응합니다(실행 취소로 되돌릴 수 있음)</translation>
    </message>
    <message>
        <source>Converted to orchestration: the orchestrator calls the steps (Undo takes it back)</source>
        <translation>오케스트레이션으로 변환했습니다: 오케스트레이터가 단계를 호출합니다(실행 취소로 되돌릴 수 있음)</translation>
    </message>
    <message>
        <source>The saga cannot be converted: %1</source>
        <translation>사가를 변환할 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>Sagascope::SagaScene</name>
    <message>
        <source>(no service)</source>
        <translation>(서비스 없음)</translation>
    </message>
</context>
<context>
    <name>Sagascope::SagaView</name>
    <message>
        <source>This saga has no steps yet.
Double-click here, press Insert, or pick a kind under &quot;Add:&quot; in the toolbar to add the first step.</source>
        <translation>이 사가에는 아직 단계가 없습니다.
여기를 두 번 클릭하거나 Insert 키를 누르거나 도구 모음의 &quot;추가:&quot;에서 종류를 골라 첫 단계를 추가하십시오.</translation>
    </message>
</context>
<context>
    <name>Sagascope::Screenshot</name>
    <message>
        <source>Cannot write the screenshot %1.</source>
        <translation>스크린샷 %1을(를) 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>The window was still busy; screenshot taken anyway.</source>
        <translation>창이 아직 작업 중이었지만 스크린샷을 찍었습니다.</translation>
    </message>
</context>
<context>
    <name>Sagascope::ServiceConnectionController</name>
    <message>
        <source>%1 has no endpoint to test.</source>
        <translation>%1에는 테스트할 엔드포인트가 없습니다.</translation>
    </message>
    <message>
        <source>%1: connection works: %2</source>
        <translation>%1: 연결이 됩니다: %2</translation>
    </message>
    <message>
        <source>%1: connection failed: %2</source>
        <translation>%1: 연결하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Testing the connection to %1…</source>
        <translation>%1에 대한 연결을 테스트하는 중…</translation>
    </message>
    <message>
        <source>%1 does not sign in with a browser (its auth type is not oauth2-authorization-code).</source>
        <translation>%1은(는) 브라우저로 로그인하지 않습니다(인증 유형이 oauth2-authorization-code가 아닙니다).</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Sign in to %1 in your browser; Sagascope is waiting for it to come back.</source>
        <translation>브라우저에서 %1에 로그인하세요. Sagascope가 브라우저가 돌아오기를 기다리고 있습니다.</translation>
    </message>
    <message>
        <source>%1: sign-in failed: %2</source>
        <translation>%1: 로그인하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Signed in to %1. The refresh token is kept in the desktop keychain.</source>
        <translation>%1에 로그인했습니다. 갱신 토큰은 데스크톱 키체인에 보관됩니다.</translation>
    </message>
    <message>
        <source>Signed in to %1. No desktop keychain is running: the refresh token is kept in %2, which only you can read.</source>
        <translation>%1에 로그인했습니다. 실행 중인 데스크톱 키체인이 없어 갱신 토큰은 본인만 읽을 수 있는 %2에 보관됩니다.</translation>
    </message>
    <message>
        <source>Signed in to %1, but the refresh token could not be kept: %2</source>
        <translation>%1에 로그인했지만 갱신 토큰을 보관하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>No web browser could be opened. Open this address in one to sign in to %1; Sagascope is waiting for it to come back: %2</source>
        <translation>웹 브라우저를 열 수 없습니다. %1에 로그인하려면 브라우저에서 이 주소를 여세요. Sagascope가 브라우저가 돌아오기를 기다리고 있습니다: %2</translation>
    </message>
    <message>
        <source>%1: give the service an OAuth 2.0 client-credentials endpoint first.</source>
        <translation>%1: 먼저 서비스에 OAuth 2.0 클라이언트 자격 증명 엔드포인트를 지정하세요.</translation>
    </message>
    <message>
        <source>%1: the client secret was not kept: %2. Set the environment variable %3 instead.</source>
        <translation>%1: 클라이언트 시크릿을 보관하지 못했습니다: %2. 대신 환경 변수 %3을(를) 설정하세요.</translation>
    </message>
    <message>
        <source>%1: the client secret is kept in the desktop keychain.</source>
        <translation>%1: 클라이언트 시크릿을 데스크톱 키체인에 보관했습니다.</translation>
    </message>
</context>
<context>
    <name>Sagascope::ServicesPanel</name>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>&amp;Add service</source>
        <translation>서비스 추가(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>제거(&amp;R)</translation>
    </message>
    <message>
        <source>How many steps call this service</source>
        <translation>이 서비스를 호출하는 단계 수</translation>
    </message>
    <message>
        <source>A service needs an id.</source>
        <translation>서비스에는 ID가 필요합니다.</translation>
    </message>
    <message>
        <source>There is already a service with the id &quot;%1&quot;.</source>
        <translation>ID가 &quot;%1&quot;인 서비스가 이미 있습니다.</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>연결 테스트(&amp;T)</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>로그인(&amp;I)</translation>
    </message>
    <message>
        <source>Sign in to the service in your browser; the refresh token goes to the keychain, never into the file</source>
        <translation>브라우저에서 서비스에 로그인합니다. 갱신 토큰은 파일이 아니라 키체인에 보관됩니다</translation>
    </message>
    <message>
        <source>Give the service an endpoint in the .saga file first</source>
        <translation>먼저 .saga 파일에서 서비스에 엔드포인트를 지정하세요</translation>
    </message>
    <message>
        <source>Reach the service&apos;s base URL, fetch a token if it needs one, and say what failed</source>
        <translation>서비스의 기본 URL에 접속하고, 필요하면 토큰을 받아 오며, 무엇이 실패했는지 알려 줍니다</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>엔드포인트</translation>
    </message>
    <message>
        <source>Where the service is; empty: the service is simulated</source>
        <translation>서비스의 위치입니다. 비워 두면 서비스를 시뮬레이션합니다</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Bearer token from a variable</source>
        <translation>변수의 Bearer 토큰</translation>
    </message>
    <message>
        <source>OAuth 2.0 client credentials</source>
        <translation>OAuth 2.0 클라이언트 자격 증명</translation>
    </message>
    <message>
        <source>OAuth 2.0 sign-in (authorization code)</source>
        <translation>OAuth 2.0 로그인(인가 코드)</translation>
    </message>
    <message>
        <source>The environment variable that holds the bearer token (the token itself never goes into the file)</source>
        <translation>Bearer 토큰을 담은 환경 변수입니다(토큰 자체는 절대 파일에 들어가지 않습니다)</translation>
    </message>
    <message>
        <source>A PEM file of CA certificates to trust besides the system&apos;s, relative to the .saga file</source>
        <translation>시스템 인증서 외에 신뢰할 CA 인증서의 PEM 파일입니다(.saga 파일 기준 상대 경로)</translation>
    </message>
    <message>
        <source>Kept in the desktop keychain, never in the .saga file</source>
        <translation>.saga 파일이 아니라 데스크톱 키체인에 보관됩니다</translation>
    </message>
    <message>
        <source>&amp;Keep in keychain</source>
        <translation>키체인에 보관(&amp;K)</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>기본 URL:</translation>
    </message>
    <message>
        <source>Auth:</source>
        <translation>인증:</translation>
    </message>
    <message>
        <source>Token variable:</source>
        <translation>토큰 변수:</translation>
    </message>
    <message>
        <source>Token URL:</source>
        <translation>토큰 URL:</translation>
    </message>
    <message>
        <source>Authorization URL:</source>
        <translation>인가 URL:</translation>
    </message>
    <message>
        <source>Client id:</source>
        <translation>클라이언트 ID:</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>범위:</translation>
    </message>
    <message>
        <source>Client secret:</source>
        <translation>클라이언트 시크릿:</translation>
    </message>
    <message>
        <source>CA file:</source>
        <translation>CA 파일:</translation>
    </message>
    <message>
        <source>Not applied yet: %1: %2</source>
        <translation>아직 적용되지 않음: %1: %2</translation>
    </message>
    <message>
        <source>Headers sent with every request, one &quot;Name: value&quot; a line (no Authorization: that is what Auth is for)</source>
        <translation>모든 요청에 보내는 헤더입니다. 한 줄에 &quot;이름: 값&quot; 하나씩 씁니다(Authorization은 안 됩니다: 그것은 인증에서 정합니다)</translation>
    </message>
    <message>
        <source>Headers:</source>
        <translation>헤더:</translation>
    </message>
    <message>
        <source>Not applied yet: headers, line %1: expected &quot;Name: value&quot;</source>
        <translation>아직 적용되지 않음: 헤더 %1번째 줄: &quot;이름: 값&quot; 형식이어야 합니다</translation>
    </message>
</context>
<context>
    <name>Sagascope::StepPropertiesPanel</name>
    <message>
        <source>A name for this saga</source>
        <translation>이 사가의 이름</translation>
    </message>
    <message>
        <source>What the saga does, for the people who will run it</source>
        <translation>사가를 실행할 사람들을 위한, 사가가 하는 일에 대한 설명</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>설명(&amp;D):</translation>
    </message>
    <message>
        <source>operation name, e.g. createOrder</source>
        <translation>작업 이름(예: createOrder)</translation>
    </message>
    <message>
        <source>Simulated latency: the embedded engine waits a uniform time between these</source>
        <translation>시뮬레이션 지연 시간: 내장 엔진이 이 두 값 사이의 균등 분포 시간만큼 기다립니다</translation>
    </message>
    <message>
        <source>to</source>
        <translation>~</translation>
    </message>
    <message>
        <source>Probability that one attempt fails technically (error, crash); retried</source>
        <translation>한 번의 시도가 기술적으로 실패(오류, 크래시)할 확률이며, 재시도됩니다</translation>
    </message>
    <message>
        <source>Probability that one attempt fails for a business reason; never retried</source>
        <translation>한 번의 시도가 비즈니스 이유로 실패할 확률이며, 재시도되지 않습니다</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <source>Latency:</source>
        <translation>지연 시간:</translation>
    </message>
    <message>
        <source>Technical failure:</source>
        <translation>기술적 실패:</translation>
    </message>
    <message>
        <source>Business failure:</source>
        <translation>비즈니스 실패:</translation>
    </message>
    <message>
        <source>A compensation that gives up leaves the saga stuck: keep it unbounded</source>
        <translation>포기하는 보상 트랜잭션은 사가를 멈추게 합니다. 무제한으로 두세요</translation>
    </message>
    <message>
        <source>Attempts:</source>
        <translation>시도 횟수:</translation>
    </message>
    <message>
        <source>Unique id: letters, digits and &apos;_&apos;, not starting with a digit</source>
        <translation>고유 ID: 문자, 숫자, &apos;_&apos;만 사용하며 숫자로 시작할 수 없습니다</translation>
    </message>
    <message>
        <source>Compensatable: undone by its compensation</source>
        <translation>보상 가능: 보상 트랜잭션으로 되돌립니다</translation>
    </message>
    <message>
        <source>Pivot: the point of no return</source>
        <translation>피벗: 되돌릴 수 없는 지점</translation>
    </message>
    <message>
        <source>Retriable: after the pivot, retried until it succeeds</source>
        <translation>재시도 가능: 피벗 뒤에서 성공할 때까지 재시도합니다</translation>
    </message>
    <message>
        <source>ids of the steps that must succeed first, comma-separated</source>
        <translation>먼저 성공해야 하는 단계의 ID(쉼표로 구분)</translation>
    </message>
    <message>
        <source>&amp;Id:</source>
        <translation>ID(&amp;I):</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>레이블(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>서비스(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>종류(&amp;K):</translation>
    </message>
    <message>
        <source>&amp;After:</source>
        <translation>선행 단계(&amp;A):</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>작업</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>보상</translation>
    </message>
    <message>
        <source>Retry policy of the action</source>
        <translation>작업의 재시도 정책</translation>
    </message>
    <message>
        <source>Unchecked: the defaults (3 attempts; retriable steps: unbounded)</source>
        <translation>선택 해제 시 기본값(3회 시도, 재시도 가능 단계는 무제한)</translation>
    </message>
    <message>
        <source>Spread of each backoff, as a fraction of it</source>
        <translation>각 백오프의 분산 폭(백오프에 대한 비율)</translation>
    </message>
    <message>
        <source>First backoff:</source>
        <translation>첫 백오프:</translation>
    </message>
    <message>
        <source>Multiplier:</source>
        <translation>배수:</translation>
    </message>
    <message>
        <source>Longest backoff:</source>
        <translation>최대 백오프:</translation>
    </message>
    <message>
        <source>Jitter:</source>
        <translation>지터:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>An attempt that takes longer is a technical failure (timeout)</source>
        <translation>이보다 오래 걸리는 시도는 기술적 실패(시간 초과)입니다</translation>
    </message>
    <message>
        <source>Safe to repeat (retries, recovery)</source>
        <translation>반복해도 안전함(재시도, 복구)</translation>
    </message>
    <message>
        <source>e.g. email, sms, webhook</source>
        <translation>예: email, sms, webhook</translation>
    </message>
    <message>
        <source>Effects no compensation can take back</source>
        <translation>보상 트랜잭션으로 되돌릴 수 없는 효과</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>시간 제한(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Idempotent:</source>
        <translation>멱등(&amp;I):</translation>
    </message>
    <message>
        <source>Side &amp;effects:</source>
        <translation>부수 효과(&amp;E):</translation>
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
        <source>Select a step on the canvas to edit it.</source>
        <translation>편집할 단계를 캔버스에서 선택하세요.</translation>
    </message>
    <message>
        <source>(no service)</source>
        <translation>(서비스 없음)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (unknown)</source>
        <translation>%1 (알 수 없음)</translation>
    </message>
    <message>
        <source>Compensation (a pivot has none)</source>
        <translation>보상(피벗에는 없음)</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>경고</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid id: use letters, digits and &apos;_&apos;, not starting with a digit.</source>
        <translation>&quot;%1&quot;은(는) 올바른 ID가 아닙니다. 문자, 숫자, &apos;_&apos;만 사용하고 숫자로 시작하지 마세요.</translation>
    </message>
    <message>
        <source>There is already a step with the id &quot;%1&quot;.</source>
        <translation>ID가 &quot;%1&quot;인 단계가 이미 있습니다.</translation>
    </message>
    <message>
        <source>No step has the id %1.</source>
        <translation>ID가 %1인 단계가 없습니다.</translation>
    </message>
    <message>
        <source>A step cannot run after itself.</source>
        <translation>단계는 자기 자신 뒤에 실행될 수 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>단계 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>서비스 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>From label</source>
        <translation>레이블에서</translation>
    </message>
    <message>
        <source>Rename the id after the label (every step that runs after it follows)</source>
        <translation>레이블에 따라 ID를 바꿉니다(이 단계 뒤에 실행되는 모든 단계도 따라갑니다)</translation>
    </message>
</context>
<context>
    <name>Sagascope::StepRunSection</name>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Break before the action</source>
        <translation>작업 전에 중단</translation>
    </message>
    <message>
        <source>Pause every run before each attempt of this step&apos;s action</source>
        <translation>모든 실행을 이 단계 작업의 각 시도 전에 일시 중지합니다</translation>
    </message>
    <message>
        <source>Break before the compensation</source>
        <translation>보상 전에 중단</translation>
    </message>
    <message>
        <source>Pause every run before each attempt of this step&apos;s compensation</source>
        <translation>모든 실행을 이 단계 보상의 각 시도 전에 일시 중지합니다</translation>
    </message>
    <message>
        <source>Injected:</source>
        <translation>주입됨:</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>작업</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>보상</translation>
    </message>
    <message>
        <source>every attempt</source>
        <translation>모든 시도</translation>
    </message>
    <message>
        <source>How many attempts fail, from the first; 0: every attempt</source>
        <translation>첫 번째부터 실패할 시도 수; 0: 모든 시도</translation>
    </message>
    <message>
        <source>Inject into:</source>
        <translation>주입 대상:</translation>
    </message>
    <message>
        <source>Failure:</source>
        <translation>실패:</translation>
    </message>
    <message>
        <source>Attempts:</source>
        <translation>시도:</translation>
    </message>
    <message>
        <source>Inject</source>
        <translation>주입</translation>
    </message>
    <message>
        <source>For the next run, and into the run in progress from the step&apos;s next attempt</source>
        <translation>다음 실행에, 그리고 진행 중인 실행에는 단계의 다음 시도부터 적용됩니다</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <source>Remove the failures injected into this step</source>
        <translation>이 단계에 주입된 실패를 제거합니다</translation>
    </message>
    <message>
        <source>Business failure</source>
        <translation>비즈니스 실패</translation>
    </message>
    <message>
        <source>Technical failure</source>
        <translation>기술적 실패</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>시간 초과</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
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
        <translation>피벗에는 보상 트랜잭션이 없습니다. 피벗이 성공하면 사가는 끝까지 실행됩니다.</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>보상</translation>
    </message>
</context>
<context>
    <name>Sagascope::StuckActions</name>
    <message>
        <source>Retr&amp;y the Stuck Step</source>
        <translation>멈춘 단계 재시도(&amp;Y)</translation>
    </message>
    <message>
        <source>Give the step the selected instance is stuck at its next attempt, with the same idempotency key, once the cause is gone (sagascope-cli resume) (Ctrl+Shift+R)</source>
        <translation>원인이 사라졌을 때, 선택한 인스턴스가 멈춘 단계에 같은 멱등성 키로 다음 시도를 줍니다(sagascope-cli resume) (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Retry the Stuck Step</source>
        <translation>멈춘 단계 재시도</translation>
    </message>
    <message>
        <source>Resol&amp;ve the Stuck Step…</source>
        <translation>멈춘 단계 해결(&amp;V)…</translation>
    </message>
    <message>
        <source>Say that the step the selected instance is stuck at was done, or compensated, by hand; the saga then goes on (sagascope-cli resume --resolve)</source>
        <translation>선택한 인스턴스가 멈춘 단계를 손으로 완료했거나 보상했다고 기록합니다. 그 뒤 사가가 이어집니다(sagascope-cli resume --resolve)</translation>
    </message>
    <message>
        <source>The selected instance is not stuck: there is nothing to retry.</source>
        <translation>선택한 인스턴스는 멈추지 않았습니다. 재시도할 것이 없습니다.</translation>
    </message>
    <message>
        <source>The selected instance is not stuck: there is nothing to resolve.</source>
        <translation>선택한 인스턴스는 멈추지 않았습니다. 해결할 것이 없습니다.</translation>
    </message>
    <message>
        <source>Resolve the Stuck Step</source>
        <translation>멈춘 단계 해결</translation>
    </message>
    <message>
        <source>Cannot Resume %1</source>
        <translation>%1을(를) 재개할 수 없음</translation>
    </message>
    <message>
        <source>The saga log was left as it was.</source>
        <translation>사가 로그는 그대로 두었습니다.</translation>
    </message>
</context>
<context>
    <name>Sagascope::SummaryPanel</name>
    <message>
        <source>Running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Compensated</source>
        <translation>보상 완료</translation>
    </message>
    <message>
        <source>Stuck</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>처리량</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>이벤트</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Finished instances per second of the run&apos;s own time (virtual with --virtual-time)</source>
        <translation>실행 자체 시간 기준 초당 완료된 인스턴스 수(--virtual-time 사용 시 가상 시간)</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/초</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>고정</translation>
    </message>
    <message>
        <source>Run the next runs with this seed: a replay of this run</source>
        <translation>다음 실행에 이 시드를 씁니다: 이 실행의 재현</translation>
    </message>
    <message>
        <source>Unfinished (writer gone)</source>
        <translation>끝나지 않음 (쓰는 프로세스 없음)</translation>
    </message>
    <message>
        <source>Throughput (stopped)</source>
        <translation>처리량 (멈춤)</translation>
    </message>
    <message>
        <source>Finished instances per second of the run&apos;s own time, until its writer stopped</source>
        <translation>실행 자체 시간 기준 초당 끝난 인스턴스 수(쓰는 프로세스가 멈출 때까지)</translation>
    </message>
</context>
<context>
    <name>Sagascope::TimelineWidget</name>
    <message>
        <source>Timeline</source>
        <translation>타임라인</translation>
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
        <source>%L1 ms</source>
        <translation>%L1ms</translation>
    </message>
    <message>
        <source>%L1 s</source>
        <translation>%L1초</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1분 %2초</translation>
    </message>
    <message>
        <source>wait %L1 ms</source>
        <translation>%L1ms 대기</translation>
    </message>
    <message>
        <source>#%1 timeout</source>
        <translation>#%1 시간 초과</translation>
    </message>
    <message>
        <source>#%1 error</source>
        <translation>#%1 오류</translation>
    </message>
    <message>
        <source>#%1 refused</source>
        <translation>#%1 거부</translation>
    </message>
    <message>
        <source>undo #%1</source>
        <translation>보상 #%1</translation>
    </message>
    <message>
        <source>undoing #%1</source>
        <translation>보상 중 #%1</translation>
    </message>
    <message>
        <source>undo #%1 failed</source>
        <translation>보상 #%1 실패</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>%1: backoff before attempt %2</source>
        <translation>%1: %2번째 시도 전 백오프</translation>
    </message>
    <message>
        <source>%1: compensation, attempt %2</source>
        <translation>%1: 보상, %2번째 시도</translation>
    </message>
    <message>
        <source>%1: attempt %2</source>
        <translation>%1: %2번째 시도</translation>
    </message>
    <message>
        <source>: %1</source>
        <translation>: %1</translation>
    </message>
    <message>
        <source>%L1 ms → now (%L2 ms so far)</source>
        <translation>%L1ms → 현재(지금까지 %L2ms)</translation>
    </message>
    <message>
        <source>%L1 ms → %L2 ms (%L3 ms)</source>
        <translation>%L1ms → %L2ms(%L3ms)</translation>
    </message>
    <message>
        <source>No saga</source>
        <translation>사가 없음</translation>
    </message>
    <message>
        <source>Select an instance to see its timeline</source>
        <translation>타임라인을 보려면 인스턴스를 선택하세요</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%L1 ms so far</source>
        <translation>지금까지 %L1ms</translation>
    </message>
    <message>
        <source> — %1</source>
        <translation> — %1</translation>
    </message>
    <message>
        <source>◆ pivot committed</source>
        <translation>◆ 피벗 커밋됨</translation>
    </message>
    <message>
        <source>↶ rollback</source>
        <translation>↶ 롤백</translation>
    </message>
    <message>
        <source>now</source>
        <translation>현재</translation>
    </message>
</context>
<context>
    <name>SceneExport</name>
    <message>
        <source>Saga diagram exported by Sagascope</source>
        <translation>Sagascope에서 내보낸 사가 다이어그램</translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1: 쓸 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>StepItem</name>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>idempotent</source>
        <translation>멱등</translation>
    </message>
    <message>
        <source>undo: %1</source>
        <translation>보상: %1</translation>
    </message>
    <message>
        <source>undo: (unnamed)</source>
        <translation>보상: (이름 없음)</translation>
    </message>
    <message>
        <source>no compensation</source>
        <translation>보상 없음</translation>
    </message>
    <message>
        <source>no undo · go / no-go</source>
        <translation>보상 없음 · 진행 / 중단 결정</translation>
    </message>
    <message>
        <source>forward only · retried</source>
        <translation>정방향 전용 · 재시도</translation>
    </message>
    <message>
        <source>%1 technical</source>
        <translation>기술적 %1</translation>
    </message>
    <message>
        <source>%1 business</source>
        <translation>업무 %1</translation>
    </message>
    <message>
        <source>fails %1</source>
        <translation>실패 %1</translation>
    </message>
</context>
<context>
    <name>Validator</name>
    <message>
        <source>%1 and %2</source>
        <translation>%1 및 %2</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 외 %2개</translation>
    </message>
    <message>
        <source>an email that was sent</source>
        <translation>이미 보낸 이메일</translation>
    </message>
    <message>
        <source>an SMS that was sent</source>
        <translation>이미 보낸 SMS</translation>
    </message>
    <message>
        <source>a webhook that was delivered</source>
        <translation>이미 전달된 웹훅</translation>
    </message>
    <message>
        <source>a notification that was shown</source>
        <translation>이미 표시된 알림</translation>
    </message>
    <message>
        <source>&apos;%1&apos; once it has happened</source>
        <translation>이미 일어난 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the email</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>the SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>the webhook</source>
        <translation>웹훅</translation>
    </message>
    <message>
        <source>the notification</source>
        <translation>알림</translation>
    </message>
    <message>
        <source>the &apos;%1&apos; side effect</source>
        <translation>&apos;%1&apos; 부수 효과</translation>
    </message>
    <message>
        <source>%1 waits for itself (it names itself in after), so it can never start. Remove %1 from its own after.</source>
        <translation>%1은(는) 자기 자신을 기다리므로(after에 자신을 지정함) 시작할 수 없습니다. %1의 after에서 %1을(를) 제거하세요.</translation>
    </message>
    <message>
        <source>(%1 more)</source>
        <translation>(외 %1개)</translation>
    </message>
    <message>
        <source>%1: each of these steps waits for the one before it, so none of them can ever start. Remove one of these dependencies.</source>
        <translation>%1: 각 단계가 바로 앞 단계를 기다리므로 어느 단계도 시작할 수 없습니다. 이 의존 관계 중 하나를 제거하세요.</translation>
    </message>
    <message>
        <source>%1 also take part in this cycle.</source>
        <translation>%1도 이 순환에 포함됩니다.</translation>
    </message>
    <message>
        <source>%1 is compensatable but has no compensation: when a later step fails, the rollback cannot undo it. Add a compensation, or make it the pivot (or a retriable step after the pivot) if it cannot be undone.</source>
        <translation>%1은(는) 보상 가능 단계이지만 보상 트랜잭션이 없습니다. 이후 단계가 실패하면 롤백으로 되돌릴 수 없습니다. 보상 트랜잭션을 추가하거나, 되돌릴 수 없는 단계라면 피벗(또는 피벗 뒤의 재시도 가능 단계)으로 만드세요.</translation>
    </message>
    <message>
        <source>%1 is the pivot, the point of no return: once it succeeds the saga only goes forward, so its compensation would never run. Remove the compensation, or make the step compensatable if it can really be undone.</source>
        <translation>%1은(는) 되돌릴 수 없는 지점인 피벗입니다. 피벗이 성공하면 사가는 정방향으로만 진행하므로 이 보상 트랜잭션은 절대 실행되지 않습니다. 보상 트랜잭션을 제거하거나, 실제로 되돌릴 수 있는 단계라면 보상 가능 단계로 만드세요.</translation>
    </message>
    <message>
        <source>%1 runs after %2 on one path</source>
        <translation>한 경로에서 %1이(가) %2 뒤에 실행됨</translation>
    </message>
    <message>
        <source>they may run at the same time</source>
        <translation>둘이 동시에 실행될 수 있음</translation>
    </message>
    <message>
        <source>%1 and %2 are both pivots and %3: a saga has one point of no return; once one pivot has succeeded the other may still fail, and nothing can be rolled back any more. Keep one pivot and make the other compensatable (before it) or retriable (after it).</source>
        <translation>%1과(와) %2이(가) 모두 피벗입니다(%3). 사가에서 되돌릴 수 없는 지점은 하나뿐입니다. 한 피벗이 성공한 뒤에도 다른 피벗은 실패할 수 있고, 그때는 더 이상 아무것도 롤백할 수 없습니다. 피벗은 하나만 두고 다른 하나는 보상 가능(피벗 앞) 또는 재시도 가능(피벗 뒤) 단계로 만드세요.</translation>
    </message>
    <message>
        <source>%1 may run at the same time as the pivot %2: if %2 succeeds and %1 then fails, the saga can no longer roll back. Make %2 wait for %1 (add %1 to the after of %2).</source>
        <translation>%1은(는) 피벗 %2과(와) 동시에 실행될 수 있습니다. %2이(가) 성공한 뒤 %1이(가) 실패하면 사가를 더 이상 롤백할 수 없습니다. %2이(가) %1을(를) 기다리도록 하세요(%2의 after에 %1 추가).</translation>
    </message>
    <message>
        <source>%1 is compensatable but runs after the pivot %2: once %2 has succeeded the saga can no longer roll back, so a failure of %1 could not be undone. Make %1 retriable (idempotent, retried until it succeeds), or move it before %2.</source>
        <translation>%1은(는) 보상 가능 단계이지만 피벗 %2 뒤에 실행됩니다. %2이(가) 성공하면 사가를 더 이상 롤백할 수 없으므로 %1의 실패를 되돌릴 수 없습니다. %1을(를) 재시도 가능 단계(멱등, 성공할 때까지 재시도)로 만들거나 %2 앞으로 옮기세요.</translation>
    </message>
    <message>
        <source>Split %1 into its own retriable step after %2, and keep the compensatable part of %3 where it is.</source>
        <translation>%1을(를) %2 뒤의 별도 재시도 가능 단계로 분리하고, %3의 보상 가능한 부분은 그대로 두세요.</translation>
    </message>
    <message>
        <source>Keep a single pivot first (SAGA003).</source>
        <translation>먼저 피벗을 하나만 남기세요(SAGA003).</translation>
    </message>
    <message>
        <source>Give every step a unique id first (SAGA008).</source>
        <translation>먼저 모든 단계에 고유한 ID를 지정하세요(SAGA008).</translation>
    </message>
    <message>
        <source>Make it wait for every step that may still fail (%1).</source>
        <translation>아직 실패할 수 있는 모든 단계(%1)를 기다리도록 하세요.</translation>
    </message>
    <message>
        <source>%1 has side effects (%2) and can run before %3, which may still fail and trigger a rollback; a compensation cannot take back %4.</source>
        <translation>%1에는 부수 효과(%2)가 있는데, 아직 실패하여 롤백을 일으킬 수 있는 %3보다 먼저 실행될 수 있습니다. 보상 트랜잭션으로는 %4을(를) 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 또는 </translation>
    </message>
    <message>
        <source>%1 is retriable and can run before %2, which may still fail and trigger a rollback; a retriable step is never compensated, so its effect would stay.</source>
        <translation>%1은(는) 재시도 가능 단계인데, 아직 실패하여 롤백을 일으킬 수 있는 %2보다 먼저 실행될 수 있습니다. 재시도 가능 단계는 보상되지 않으므로 그 효과가 그대로 남습니다.</translation>
    </message>
    <message>
        <source>Move it after %1.</source>
        <translation>%1 뒤로 옮기세요.</translation>
    </message>
    <message>
        <source>%1 is retriable, so it is retried until it succeeds (and again after a crash), but it is not marked idempotent: a repeated attempt could apply it twice. Make its action safe to repeat (the engine passes an idempotency key) and mark it idempotent.</source>
        <translation>%1은(는) 재시도 가능 단계라서 성공할 때까지(크래시 후에도 다시) 재시도되지만 멱등으로 표시되어 있지 않습니다. 반복된 시도가 작업을 두 번 적용할 수 있습니다. 작업을 반복해도 안전하게 만들고(엔진이 멱등성 키를 전달합니다) 멱등으로 표시하세요.</translation>
    </message>
    <message>
        <source>%1 is retriable but may fail for a business reason (sim.businessFailure %2): no retry can cure that, and a retriable step is not rolled back, so the saga would be stuck. Make it compensatable and put it before the pivot, or remove the business failure.</source>
        <translation>%1은(는) 재시도 가능 단계이지만 비즈니스 이유로 실패할 수 있습니다(sim.businessFailure %2). 재시도로는 해결되지 않고 재시도 가능 단계는 롤백되지 않으므로 사가가 멈추게 됩니다. 보상 가능 단계로 바꿔 피벗 앞에 두거나, 비즈니스 실패를 없애세요.</translation>
    </message>
    <message>
        <source>The saga has no steps: there is nothing to run. Add a step.</source>
        <translation>사가에 단계가 없어 실행할 것이 없습니다. 단계를 추가하세요.</translation>
    </message>
    <message>
        <source>%1 does not wait for any step and no step waits for it, so it starts at once, beside everything else, and takes no part in the saga&apos;s order. Give it an after, or add it to the after of the step that needs it.</source>
        <translation>%1은(는) 어떤 단계도 기다리지 않고 어떤 단계도 %1을(를) 기다리지 않으므로, 다른 모든 단계와 함께 즉시 시작되어 사가의 순서에 참여하지 않습니다. after를 지정하거나, %1이(가) 필요한 단계의 after에 추가하세요.</translation>
    </message>
    <message>
        <source>The id %1 is used by %2 steps (%3); step ids must be unique, since dependencies, logs and the canvas name steps by id. Rename all but one.</source>
        <translation>ID %1을(를) 단계 %2개(%3)가 사용합니다. 의존 관계, 로그, 캔버스는 단계를 ID로 가리키므로 단계 ID는 고유해야 합니다. 하나만 남기고 나머지의 이름을 바꾸세요.</translation>
    </message>
    <message>
        <source>%1 waits for &apos;%2&apos;, which is not a step of this saga. Correct the name or remove it from after.</source>
        <translation>%1이(가) 기다리는 &apos;%2&apos;은(는) 이 사가의 단계가 아닙니다. 이름을 고치거나 after에서 제거하세요.</translation>
    </message>
    <message>
        <source>%1 uses the service &apos;%2&apos;, which is not declared in services. Declare it, or correct the name.</source>
        <translation>%1이(가) 사용하는 서비스 &apos;%2&apos;이(가) services에 선언되어 있지 않습니다. 서비스를 선언하거나 이름을 고치세요.</translation>
    </message>
    <message>
        <source>The compensation of %1 gives up after %2 attempts: a compensation that gives up leaves the saga stuck, half rolled back. Retry it until it succeeds (maxAttempts 0), and make it safe to repeat.</source>
        <translation>%1의 보상 트랜잭션은 %2회 시도한 뒤 포기합니다. 보상 트랜잭션이 포기하면 사가는 절반만 롤백된 채 멈춥니다. 성공할 때까지 재시도하도록 하고(maxAttempts 0) 반복해도 안전하게 만드세요.</translation>
    </message>
    <message>
        <source>no quick fix is offered</source>
        <translation>빠른 수정이 제공되지 않습니다</translation>
    </message>
    <message>
        <source>the finding remains: %1</source>
        <translation>문제가 그대로 남습니다: %1</translation>
    </message>
    <message>
        <source>it adds an error: %1</source>
        <translation>오류가 새로 생깁니다: %1</translation>
    </message>
    <message>
        <source>%1 would no longer wait for %2</source>
        <translation>%1이(가) 더 이상 %2을(를) 기다리지 않게 됩니다</translation>
    </message>
    <message>
        <source>(No quick fix: %1 is ordered by events; change the events it waits on, or the steps that wait on its events.)</source>
        <translation>(빠른 수정 없음: %1의 순서는 이벤트로 정해집니다. %1이(가) 기다리는 이벤트나, %1의 이벤트를 기다리는 단계를 바꾸세요.)</translation>
    </message>
    <message>
        <source>%1 waits on the event %2, which no step publishes and which is not the start event (%3): %1 would wait for ever and the instance would be stuck. Make a step emit %2, or correct the name.</source>
        <translation>%1은(는) 이벤트 %2을(를) 기다리지만, 이 이벤트를 발행하는 단계가 없고 시작 이벤트(%3)도 아닙니다. %1은(는) 영원히 기다리게 되고 인스턴스는 멈춥니다. 어떤 단계가 %2을(를) 발행하도록 하거나 이름을 고치세요.</translation>
    </message>
    <message>
        <source>The compensation of %1 runs on the event %2, which no step publishes and which is not the start event (%3), so it can never run on it. Make a step emit %2, or correct the name.</source>
        <translation>%1의 보상 트랜잭션은 이벤트 %2에 실행되지만, 이 이벤트를 발행하는 단계가 없고 시작 이벤트(%3)도 아니므로 이 이벤트로는 결코 실행되지 않습니다. 어떤 단계가 %2을(를) 발행하도록 하거나 이름을 고치세요.</translation>
    </message>
    <message>
        <source>%1 publishes %2 %3, but no step and no compensation waits on it: the event changes nothing. Subscribe the step that should react to it, or stop emitting it.</source>
        <translation>%1은(는) %3 %2을(를) 발행하지만 이를 기다리는 단계나 보상 트랜잭션이 없어 아무것도 바뀌지 않습니다. 이 이벤트에 반응해야 할 단계를 구독시키거나 발행을 멈추세요.</translation>
    </message>
    <message>
        <source>when it succeeds</source>
        <translation>성공하면</translation>
    </message>
    <message>
        <source>when it fails</source>
        <translation>실패하면</translation>
    </message>
    <message>
        <source>when it is compensated</source>
        <translation>보상되면</translation>
    </message>
    <message>
        <source>%1: each of these steps waits for the success of the one before it, so none of them can ever start. Stop one of them waiting on %2.</source>
        <translation>%1: 각 단계가 앞 단계의 성공을 기다리므로 어느 단계도 시작할 수 없습니다. 이 중 한 단계가 %2을(를) 기다리지 않도록 하세요.</translation>
    </message>
    <message>
        <source>When %1 fails, %2 may have been applied, but no event of that failure reaches its compensation (it runs on %3): the rollback would leave %2 applied.</source>
        <translation>%1이(가) 실패할 때 %2은(는) 이미 적용되었을 수 있지만, 그 실패의 어떤 이벤트도 %2의 보상 트랜잭션(실행 이벤트: %3)에 닿지 않습니다. 롤백 후에도 %2은(는) 적용된 채로 남습니다.</translation>
    </message>
    <message>
        <source>no event</source>
        <translation>이벤트 없음</translation>
    </message>
    <message>
        <source>Compensate %1 on %2.</source>
        <translation>%2 이벤트에 %1을(를) 보상하세요.</translation>
    </message>
    <message>
        <source>Make each of these steps publish a failure event, and compensate %1 on it.</source>
        <translation>이 단계들이 각각 실패 이벤트를 발행하도록 하고, 그 이벤트에 %1을(를) 보상하세요.</translation>
    </message>
    <message>
        <source>%1 and %2 both react to %3 and %1 can fail: %2 may already have run, or still be running, when it fails. Check that their compensations listen to its failure, or let them wait for its success instead.</source>
        <translation>%1과(와) %2이(가) 모두 %3에 반응하는데 %1은(는) 실패할 수 있습니다. %1이(가) 실패할 때 %2은(는) 이미 실행되었거나 실행 중일 수 있습니다. 그 보상 트랜잭션이 %1의 실패를 듣는지 확인하거나, 대신 %1의 성공을 기다리도록 하세요.</translation>
    </message>
    <message>
        <source>%1 changes the resource &apos;%2&apos;, which is not declared in resources. Declare it with its initial value, or correct the name.</source>
        <translation>%1이(가) 리소스 &apos;%2&apos;을(를) 변경하지만 resources에 선언되어 있지 않습니다. 초기값과 함께 선언하거나 이름을 고치세요.</translation>
    </message>
    <message>
        <source>The compensation of %1 has its own sim.effect; a compensation takes back the action&apos;s effect by itself (it adds -delta). Remove it.</source>
        <translation>%1의 보상에 자체 sim.effect가 있습니다. 보상은 액션의 효과를 스스로 되돌립니다(-delta를 더함). 제거하세요.</translation>
    </message>
    <message>
        <source>%1 has the countermeasure %2 but no sim.effect for it to protect; it does nothing.</source>
        <translation>%1에 대응책 %2이(가) 있지만 보호할 sim.effect가 없어 아무 효과가 없습니다.</translation>
    </message>
    <message>
        <source>%1 sets onLocked, which only a semanticLock countermeasure reads; it does nothing here.</source>
        <translation>%1이(가) onLocked를 설정했지만 이 값은 semanticLock 대응책만 읽으므로 여기서는 아무 효과가 없습니다.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: an endpoint&apos;s headers cannot use ${results…}; only ${instance}, ${step} and ${input…}</source>
        <translation>%1: 엔드포인트의 헤더에는 ${results…}를 쓸 수 없습니다. ${instance}, ${step}, ${input…}만 쓸 수 있습니다</translation>
    </message>
    <message>
        <source>%1: ${results.%2…} names no step of this saga</source>
        <translation>%1: ${results.%2…}는 이 사가의 단계를 가리키지 않습니다</translation>
    </message>
    <message>
        <source>%1: ${results.%2…} reads the result of %2, which does not always succeed before %3 runs; make %3 come after %2, or read a step that it comes after</source>
        <translation>%1: ${results.%2…}는 %2의 결과를 읽지만, %2가 %3 실행 전에 항상 성공하지는 않습니다. %3을(를) %2 뒤로 옮기거나, %3보다 앞선 단계를 읽으세요</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Design, run and understand sagas.</source>
        <translation>사가를 설계하고 실행하고 이해합니다.</translation>
    </message>
    <message>
        <source>The .saga file to open.</source>
        <translation>열 .saga 파일입니다.</translation>
    </message>
    <message>
        <source>Render the main window once it is idle, save it as a PNG and exit.</source>
        <translation>주 창이 유휴 상태가 되면 렌더링하여 PNG로 저장하고 종료합니다.</translation>
    </message>
    <message>
        <source>Window size, e.g. 1280x800 (default 1280x800 with --screenshot).</source>
        <translation>창 크기(예: 1280x800, --screenshot 사용 시 기본값 1280x800)입니다.</translation>
    </message>
    <message>
        <source>only one file can be opened at a time</source>
        <translation>한 번에 파일 하나만 열 수 있습니다</translation>
    </message>
    <message>
        <source>--size expects WIDTHxHEIGHT, e.g. 1280x800, not &quot;%1&quot;</source>
        <translation>--size에는 &quot;%1&quot;이(가) 아니라 너비x높이(예: 1280x800)를 지정해야 합니다</translation>
    </message>
    <message>
        <source>Start a run on the embedded engine with sagascope-cli run&apos;s options, e.g. --run &quot;--instances 20 --fail take_payment=business&quot;.</source>
        <translation>sagascope-cli run의 옵션으로 내장 엔진에서 실행을 시작합니다. 예: --run &quot;--instances 20 --fail take_payment=business&quot;.</translation>
    </message>
    <message>
        <source>Open a saga log and follow it live.</source>
        <translation>사가 로그를 열고 실시간으로 따라갑니다.</translation>
    </message>
    <message>
        <source>Open a lesson beside the canvas: ID, or ID:N for its page N; &quot;list&quot; prints the lessons&apos; ids, one a line. With --screenshot, the picture shows the lesson&apos;s page.</source>
        <translation>캔버스 옆에 수업을 엽니다: ID, 또는 N페이지는 ID:N. &quot;list&quot;는 수업 ID를 한 줄에 하나씩 출력합니다. --screenshot과 함께 쓰면 그 수업 페이지를 그림으로 남깁니다.</translation>
    </message>
    <message>
        <source>--lesson expects ID or ID:N with N a page from 1, not &quot;%1&quot;</source>
        <translation>--lesson에는 ID 또는 ID:N(N은 1부터의 페이지)이 와야 합니다. &quot;%1&quot;은(는) 안 됩니다</translation>
    </message>
</context>
</TS>
