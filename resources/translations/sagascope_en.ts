<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Sagascope::MainWindow</name>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n step</numerusform>
            <numerusform>%n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sagascope::MonitorController</name>
    <message numerus="yes">
        <source>live (%n event(s))</source>
        <translation>
            <numerusform>live (%n event)</numerusform>
            <numerusform>live (%n events)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (first %n attempt(s))</source>
        <translation>
            <numerusform> (first %n attempt)</numerusform>
            <numerusform> (first %n attempts)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The run writing %1 stopped unexpectedly: %n instance(s) unfinished.</source>
        <translation>
            <numerusform>The run writing %1 stopped unexpectedly: %n instance unfinished.</numerusform>
            <numerusform>The run writing %1 stopped unexpectedly: %n instances unfinished.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No process writes the saga log %1 any more, and %n instance(s) in it are unfinished (the process was killed, crashed or stopped). Recover finishes them here, nothing applied twice; or later with
sagascope-cli recover --db %1</source>
        <translation>
            <numerusform>No process writes the saga log %1 any more, and %n instance in it is unfinished (the process was killed, crashed or stopped). Recover finishes them here, nothing applied twice; or later with
sagascope-cli recover --db %1</numerusform>
            <numerusform>No process writes the saga log %1 any more, and %n instances in it are unfinished (the process was killed, crashed or stopped). Recover finishes them here, nothing applied twice; or later with
sagascope-cli recover --db %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The run was stopped with %n started instance(s) unfinished.</source>
        <translation>
            <numerusform>The run was stopped with %n started instance unfinished.</numerusform>
            <numerusform>The run was stopped with %n started instances unfinished.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) of the run were never started; nothing needs to be undone for them, and to run them, start the saga again.</source>
        <translation>
            <numerusform>%n instance of the run was never started; nothing needs to be undone for it, and to run it, start the saga again.</numerusform>
            <numerusform>%n instances of the run were never started; nothing needs to be undone for them, and to run them, start the saga again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sagascope::ProtocolComparison</name>
    <message numerus="yes">
        <source>%1: %n instance(s), %2, seed %3</source>
        <translation>
            <numerusform>%1: %n instance, %2, seed %3</numerusform>
            <numerusform>%1: %n instances, %2, seed %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sagascope::ProtocolOverlay</name>
    <message numerus="yes">
        <source>CRASHED: %n participant(s) in doubt</source>
        <translation>
            <numerusform>CRASHED: %n participant in doubt</numerusform>
            <numerusform>CRASHED: %n participants in doubt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>CRASHED after logging commit: %n in doubt</source>
        <translation>
            <numerusform>CRASHED after logging commit: %n in doubt</numerusform>
            <numerusform>CRASHED after logging commit: %n in doubt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>CRASHED after logging abort: %n in doubt</source>
        <translation>
            <numerusform>CRASHED after logging abort: %n in doubt</numerusform>
            <numerusform>CRASHED after logging abort: %n in doubt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sagascope::RunController</name>
    <message numerus="yes">
        <source>Running %n instance(s), seed %1</source>
        <translation>
            <numerusform>Running %n instance, seed %1</numerusform>
            <numerusform>Running %n instances, seed %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The 2PC coordinator crashed: %n participant(s) in doubt, holding their locks. Run › Recover the Coordinator finishes them.</source>
        <translation>
            <numerusform>The 2PC coordinator crashed: %n participant in doubt, holding its locks. Run › Recover the Coordinator finishes it.</numerusform>
            <numerusform>The 2PC coordinator crashed: %n participants in doubt, holding their locks. Run › Recover the Coordinator finishes them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sagascope::RunInputs</name>
    <message numerus="yes">
        <source>The next runs read %n input(s) from %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sagascope::SagaDocument</name>
    <message numerus="yes">
        <source>Add %n step(s)</source>
        <translation>
            <numerusform>Add %n step</numerusform>
            <numerusform>Add %n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n step(s)</source>
        <translation>
            <numerusform>Delete %n step</numerusform>
            <numerusform>Delete %n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n step(s)</source>
        <translation>
            <numerusform>Move %n step</numerusform>
            <numerusform>Move %n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n dependency(s)</source>
        <translation>
            <numerusform>Delete %n dependency</numerusform>
            <numerusform>Delete %n dependencies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n step(s) and dependencies</source>
        <translation>
            <numerusform>Delete %n step and dependencies</numerusform>
            <numerusform>Delete %n steps and dependencies</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sagascope::StepPropertiesPanel</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n step</numerusform>
            <numerusform>%n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n service</numerusform>
            <numerusform>%n services</numerusform>
        </translation>
    </message>
</context>
</TS>
