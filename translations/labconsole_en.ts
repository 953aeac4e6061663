<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>lab::CompareView</name>
    <message numerus="yes">
        <source>Comparing %n run(s)</source>
        <translation>
            <numerusform>Comparing %n run</numerusform>
            <numerusform>Comparing %n runs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lab::ConnectDialog</name>
    <message numerus="yes">
        <source>Connected: the server has %n experiment(s).</source>
        <translation>
            <numerusform>Connected: the server has %n experiment.</numerusform>
            <numerusform>Connected: the server has %n experiments.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lab::GpuCard</name>
    <message numerus="yes">
        <source>Used by %n other process(es)</source>
        <translation>
            <numerusform>Used by %n other process</numerusform>
            <numerusform>Used by %n other processes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lab::HttpClient</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lab::LabCtl</name>
    <message numerus="yes">
        <source>labctl: sweep %1: %n run(s) queued
</source>
        <translation>
            <numerusform>labctl: sweep %1: %n run queued
</numerusform>
            <numerusform>labctl: sweep %1: %n runs queued
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n run(s) to %1
</source>
        <translation>
            <numerusform>Exported %n run to %1
</numerusform>
            <numerusform>Exported %n runs to %1
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>labctl: imported %n run(s) into %1
</source>
        <translation>
            <numerusform>labctl: imported %n run into %1
</numerusform>
            <numerusform>labctl: imported %n runs into %1
</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lab::LaunchDialog</name>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n run</numerusform>
            <numerusform>%n runs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lab::LocalRunner</name>
    <message numerus="yes">
        <source>The job needs %n GPU(s), but this workstation has %1.</source>
        <translation>
            <numerusform>The job needs %n GPU, but this workstation has %1.</numerusform>
            <numerusform>The job needs %n GPUs, but this workstation has %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Each run of the sweep needs %n GPU(s), but this workstation has %1.</source>
        <translation>
            <numerusform>Each run of the sweep needs %n GPU, but this workstation has %1.</numerusform>
            <numerusform>Each run of the sweep needs %n GPUs, but this workstation has %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lab::MainWindow</name>
    <message numerus="yes">
        <source>Launched %n run(s) in %1</source>
        <translation>
            <numerusform>Launched %n run in %1</numerusform>
            <numerusform>Launched %n runs in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stop %n run(s)? %1</source>
        <translation>
            <numerusform>Stop %n run? %1</numerusform>
            <numerusform>Stop %n runs? %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n run(s) to %1…</source>
        <translation>
            <numerusform>Exporting %n run to %1…</numerusform>
            <numerusform>Exporting %n runs to %1…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n run(s) to %1.</source>
        <translation>
            <numerusform>Exported %n run to %1.</numerusform>
            <numerusform>Exported %n runs to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) kept in the comparison.</source>
        <translation>
            <numerusform>%n run kept in the comparison.</numerusform>
            <numerusform>%n runs kept in the comparison.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lab::ModelsView</name>
    <message numerus="yes">
        <source>%n registered model(s)</source>
        <translation>
            <numerusform>%n registered model</numerusform>
            <numerusform>%n registered models</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lab::RunBundle</name>
    <message numerus="yes">
        <source>%n run(s) were imported before it: %1</source>
        <translation>
            <numerusform>%n run were imported before it: %1</numerusform>
            <numerusform>%n runs were imported before it: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lab::SecretStore</name>
    <message numerus="yes">
        <source>The system keychain did not answer within %n second(s).</source>
        <translation>
            <numerusform>The system keychain did not answer within %n second.</numerusform>
            <numerusform>The system keychain did not answer within %n seconds.</numerusform>
        </translation>
    </message>
</context>
</TS>
