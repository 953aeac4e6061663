<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ro" sourcelanguage="en">
<context>
    <name>lab</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid URL %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot resolve host name %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the server address and your network connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot resolve the proxy&apos;s host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the proxy settings (http_proxy, https_proxy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy %1 is unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the proxy settings (http_proxy, https_proxy, no_proxy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot reach %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check your network connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection refused to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the server is running and that the address and port are right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolving %1 timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not connect to %1 within %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is unreachable or very slow; check the address or try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request to %1 timed out after %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is slow or the response is large; try again or raise the timeout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>truncated response from %1: the connection closed after %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>truncated response from %1: the connection closed in the middle of the body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server or a proxy dropped the connection; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>response too large (over %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for less at a time (a smaller page or a filter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection without a response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the response from %1 could not be decompressed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: certificate is for %1, not %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect with the name on the certificate, or set the TLS server name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: the certificate of %1 is not trusted (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the CA certificate that signed the server&apos;s certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: the client certificate or key cannot be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the client certificate and key belong together and are PEM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: the CA certificates cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the CA file: it must hold PEM certificates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: %1 rejected the client certificate, or requires one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a client certificate and key the server accepts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS handshake with %1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the server speaks TLS on this port (https) and the TLS settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection to %1 was reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection to %1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the proxy refused to connect to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many redirects from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no data from %1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server stopped sending; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid URL %1: only http and https are supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write to %1: permission denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a tracking store folder you can write to, or change the folder&apos;s permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write to %1: %2 is not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the folder could not be created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it does not hold a mapping of fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid %1 name &quot;%2&quot;: names may hold letters, digits, _ - . : space and /, and must not start or end with / or contain ..</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 line %2 is malformed: &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has %2 malformed lines in all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid page token &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meta.yaml is missing in run folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meta.yaml of run %1 is unreadable (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meta.yaml of run %1 records the run id &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meta.yaml of run %1 records experiment &quot;%2&quot; but the run lies in experiment &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meta.yaml of run %1 has an unknown status &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meta.yaml of run %1 has a start_time that is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meta.yaml of run %1 has an end_time that is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2 cannot be read: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2 is not valid UTF-8; bad bytes are shown as �</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The MLflow JSON does not have the expected shape: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field &apos;%1&apos; is not a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field &apos;%1&apos; is not an integer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field &apos;%1&apos; is not a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an entry of &apos;%1&apos; is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MLflow tracking servers (%1) are not supported yet; use a local store (a folder or a file: URI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tracking URI %1 names no local folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tracking URI %1 uses a scheme that is not supported</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::AppContext</name>
    <message>
        <source>The profile %1 works on a Kubernetes cluster, which this version of Lab Console cannot reach yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the profile local.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::ChartPanel</name>
    <message>
        <source>&amp;Metric:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Smoothing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exponential moving average weight, as in TensorBoard (0 = raw values)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;X axis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relative time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset &amp;zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all the data again and follow new points (double-click the chart does the same)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::CompareView</name>
    <message>
        <source>Parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select two or more runs in the table to compare them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Comparing %n run(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Metric:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Differences only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the parameters that have the same value in every run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::ExperimentsModel</name>
    <message>
        <source>Experiment %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Artifacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::GpuCard</name>
    <message>
        <source>GPU %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Utilisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 °C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used by run &lt;a href=&quot;run:%1&quot;&gt;%2&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used by job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Used by %n other process(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::GpuChart</name>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Utilisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No samples yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::GpuPanel</name>
    <message>
        <source>Waiting for the first GPU sample…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting GPU telemetry…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No NVIDIA driver found — GPU telemetry is unavailable on this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No NVIDIA GPU found on this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU telemetry is unavailable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU telemetry is unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::GpuTelemetry</name>
    <message>
        <source>Looking for GPUs…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::HttpClient</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lab::LabCtl</name>
    <message>
        <source>it holds one of | &amp; ; &lt; &gt; ( ) { } or a newline unquoted (wrap a pipeline in sh -c &apos;...&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>command substitution is not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its quotes are unbalanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it cannot be split into words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--command &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: labctl [--profile NAME] [--tracking-uri URI] [-o table|json|csv] COMMAND [ARGS]

Runs and jobs of the lab from a terminal. JSON output uses MLflow&apos;s REST shapes.

Commands:
  experiments list                 List the experiments of the tracking store
  runs list                        List runs (--experiment, --filter, --order-by, --max-results)
  runs show RUN                    Show one run: info, parameters, metrics, tags
  runs compare RUN RUN...          Parameters side by side; metric last, min and max
  metrics get RUN KEY              The full history of one metric
  launch                           Launch a run of lab-train, a command or an MLproject
  logs RUN [--follow]              Print (and follow) a run&apos;s output
  cancel RUN                       Stop a running job (SIGTERM, then SIGKILL); the run ends KILLED
  gpus                             The workstation&apos;s GPUs and which job holds each

Global options:
  --profile NAME         Lab profile (default: local)
  --tracking-uri URI     Tracking store (default: the profile&apos;s, else $MLFLOW_TRACKING_URI,
                         else the local lab&apos;s store)
  -o, --output FORMAT    table (default), json or csv
  -h, --help             This help; &apos;labctl COMMAND --help&apos; for a command&apos;s options
  --version              Print the version

RUN is a run id, a unique prefix of one, or a unique run name.
Exit status: 0 success, 1 error, 2 usage error.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try &apos;labctl %1--help&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown output format &apos;%1&apos; (use table, json or csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option &apos;%1&apos; needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: labctl %1 {%2} [options]
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a subcommand: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown subcommand &apos;%1 %2&apos; (use %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lab profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking store URI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table, json or csv.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FORMAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: labctl %1 [options] %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>experiment &apos;%1&apos; not found in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; matches %2 runs (%3); give the run id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run &apos;%1&apos; not found in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include deleted experiments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the experiments of the tracking store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labctl: warning: experiment %1: %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists runs, newest first unless --order-by says otherwise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experiment name or id (repeatable; default: every active experiment).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME|ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MLflow search filter, e.g. &quot;metrics.val_accuracy &gt; 0.9 and params.lr = &apos;0.01&apos;&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EXPR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order, e.g. &quot;metrics.val_loss ASC&quot; (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most N runs (default 1000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue after a previous page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TOKEN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include deleted runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--max-results needs a positive number, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labctl: warning: run %1: %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labctl: more runs follow; continue with --page-token %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows one run: its info, parameters, latest metrics and tags.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run id, unique id prefix or unique run name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give exactly one RUN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labctl: warning: %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (none)
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics (latest):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compares runs: parameters side by side, and each metric&apos;s last, min and max.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two or more runs (id, unique id prefix or unique name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the parameters that differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give at least two runs to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prints the full history of one metric of a run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric key, e.g. val_accuracy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give a RUN and a metric KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run &apos;%1&apos; has no metric &apos;%2&apos; (it has: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Launches a run on the local lab: the bundled trainer lab-train unless --command or --mlproject is given. Parameters become --kebab-case=value arguments (or fill the MLproject command). With --sweep, one child run per combination is queued under a parent run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experiment name or id (created when missing; default: Default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A parameter (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KEY=VALUE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sweep a parameter over values (repeatable; a grid).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KEY=V1,V2,...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPUs per run (default 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run this command line instead of lab-train (split as sh would: quotes, $VAR).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;PROGRAM ARGS&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run an MLproject entry point from DIR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MLproject entry point (default: main).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An environment variable for the job (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the run(s) to end; exit 1 unless all FINISHED.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream the output to stdout until the run(s) end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos; (quote a command: --command &quot;prog args&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give either --command or --mlproject, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--param needs KEY=VALUE, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--env needs KEY=VALUE, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--sweep needs KEY=V1,V2,..., not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--sweep %1 has no values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--gpus needs a number of GPUs, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--command is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile &apos;%1&apos; is a cluster profile; labctl launches on the local lab only in this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the bundled trainer lab-train was not found next to labctl, in ../trainer, on PATH or in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>labctl: sweep %1: %n run(s) queued
</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>labctl: run %1 (%2) queued
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labctl: run %1 (%2) %3: %4
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prints a run&apos;s output (stdout and stderr of its job).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep printing new output until the run ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run &apos;%1&apos; has no output log (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stops a run&apos;s job: SIGTERM to its process group, SIGKILL after a grace period; the run ends KILLED. A sweep&apos;s parent run cancels all its children.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds between SIGTERM and SIGKILL (default 5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--grace needs a number of seconds, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile &apos;%1&apos; is a cluster profile; labctl cancels local jobs only in this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run &apos;%1&apos; has already ended (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run &apos;%1&apos; had already ended; it is now %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run &apos;%1&apos; is %2 but no job of this workstation runs it (host %3, pid %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled run %1: %2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows the workstation&apos;s NVIDIA GPUs: utilisation, memory, temperature, power and the job holding each.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::LabProfile</name>
    <message>
        <source>%1: not a valid profile: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the profile %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile %1 is too large to be a profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no lab profile named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Known profiles: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local lab</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::LaunchDialog</name>
    <message>
        <source>Hidden layer sizes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated widths of the hidden layers, e.g. 64,64 (empty: no hidden layer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimiser step size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passes over the training rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows per optimiser step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sgd or adam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed for the data, the initial weights and the batch order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in interleaved spirals, or a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spirals: number of points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spirals: standard deviation of the angle noise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spirals: number of arms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV file with a header row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the label column in the CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation fraction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the rows held out for validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto: CUDA when a GPU is present, else the CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A value is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be greater than %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be at least %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be between %1 and %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use layer widths separated by commas, such as 64,64.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one of: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: write key=value, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Name the experiment the run belongs to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A quote in the command line is not closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the command to run, e.g. python train.py.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The working directory %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give at least one parameter to sweep, as key=value1,value2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: a value in the list is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an MLproject file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A value in the sweep list is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sweep value %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the values to sweep for at least one parameter, separated by commas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an MLproject file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MLproject files (MLproject MLproject.yaml);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Launch a run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Program:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundled trainer (lab-train)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any local command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MLproject entry point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sweep values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 32;64,64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. %1, …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Command line:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>python train.py --data data.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Working directory (optional):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;arameters, one key=value per line (passed as --key=value):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning_rate=0.01
epochs=10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;weep, one key=value1,value2,… per line:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning_rate=0.1,0.01,0.001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MLproject &amp;file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Entry point:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xperiment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chosen automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;GPUs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPUs the run gets for itself; it waits in the queue until they are free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No GPU was found on this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sweep: one run per combination of the values below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Launch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 declares no entry points.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::LocalRunner</name>
    <message>
        <source>No tracking store is configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to run: the job has no command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The working directory &apos;%1&apos; does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The program &apos;%1&apos; is not an executable file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The program &apos;%1&apos; was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write to the store at %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a store folder you can write to, or fix its permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runner has been shut down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GPU count cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The job needs %n GPU(s), but this workstation has %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The sweep has no combinations: every parameter needs at least one value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Each run of the sweep needs %n GPU(s), but this workstation has %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The job could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the log folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the log file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exit status unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ended without an exit status (killed?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>crashed (signal %1, %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No job or run &apos;%1&apos; is known to this console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled before it started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job &apos;%1&apos; has already ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the console closed before it started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exited with code %1 while the console was closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the process ended while the console was closed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::LogView</name>
    <message>
        <source>Follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the newest lines in view as they arrive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a run to see its output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for output…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run has no log yet (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (earlier output not shown)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::MainWindow</name>
    <message>
        <source>About Lab Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Lab Console&lt;/b&gt; %1&lt;br&gt;Launch, watch and compare training runs on the GPU lab.&lt;br&gt;Runs are kept in an MLflow store: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lab Console — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Launch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Launch a training run or a sweep on this lab (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare the selected runs side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ancel run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the selected running or queued runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the experiments and runs again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy run &amp;ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Lab Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lab this console works on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Experiments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metrics.val_accuracy &gt; 0.9 and params.learning_rate = &apos;0.01&apos; and attributes.status = &apos;FINISHED&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MLflow search syntax: comparisons of metrics., params., tags. and attributes. joined by AND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L&amp;ogs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mpare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;GPUs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No experiments yet. Launch a run to start one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No runs in this experiment yet. Click Launch to start one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the store: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs: %1 running, %2 queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Launch failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Launch failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Launched %n run(s) in %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Select two or more runs to compare (Ctrl+click or Shift+click).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Stop %n run(s)? %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile %1 works on a Kubernetes cluster, which this version of Lab Console cannot reach yet. Staying on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart Lab Console to switch to the profile %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::MetricChart</name>
    <message>
        <source>%1 (not logged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not logged by this run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not logged by the selected runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All runs are hidden. Click a legend entry to show it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relative time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (smoothed %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Step %2
Value %3
%4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::MlProject</name>
    <message>
        <source>Cannot read the MLproject file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large to be an MLproject file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an MLproject file must be a mapping (name, entry_points, ...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;name&quot; must be a single value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;entry_points&quot; must be a mapping of names to entry points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not a valid MLproject file: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project %1 has no entry point &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It declares no entry points; name a .py or .sh file of the project instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its entry points: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot; must be a number, not &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot; must be a whole number, not &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot; needs a %2, not an empty value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No value given for the parameters without default of entry point &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::MlflowFileStore</name>
    <message>
        <source>The tracking store %1 is a file, not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write to %1: it is a file, not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meta.yaml is missing in experiment folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meta.yaml of experiment %1 is unreadable (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meta.yaml of experiment %1 records the id &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meta.yaml of experiment %1 has a creation_time that is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meta.yaml of experiment %1 has a last_update_time that is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tracking store %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experiment &quot;%1&quot; does not exist in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An experiment needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experiment &quot;%1&quot; already exists in deleted state; restore it or remove it from the .trash folder to use the name again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experiment &quot;%1&quot; already exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experiment %1 is deleted; restore it before setting tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Default experiment (0) cannot be deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experiment &quot;%1&quot; does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the experiment folder could not be moved to the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no deleted experiment &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot restore experiment %1: an experiment with the same id exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the experiment folder could not be moved back from the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid run id &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &quot;%1&quot; not found in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metrics in run %1 is a file, not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run %1 has no metrics, params, tags or artifacts folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>maxResults must be between 1 and 50000, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 cannot be changed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 is deleted; restore it before changing it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a run in deleted experiment %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run name &quot;%1&quot; and the mlflow.runName tag &quot;%2&quot; differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 has no tag &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tag file could not be removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>param</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing param values is not allowed: param &quot;%1&quot; of run %2 was already logged with value &quot;%3&quot;; attempted &quot;%4&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metrics/%1 of run %2 cannot be read: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid artifact path &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 has no artifact &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The artifact %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid registered model name &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered model &quot;%1&quot; not found</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::MlflowJson</name>
    <message>
        <source>The JSON is nested more than %1 levels deep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JSON could not be parsed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JSON is too large to parse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number was expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an integer was expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a metric is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metric &apos;%1&apos; has no value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value of metric &apos;%1&apos; is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the run info is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the run has no run_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run status &apos;%1&apos; is unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a run is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the run has no &apos;info&apos; object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the run&apos;s &apos;data&apos; is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field &apos;metrics&apos; is not a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an experiment is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the experiment has no experiment_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a model version is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model version has no name or version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a registered model is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the registered model has no name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the metric history is not a list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::ParallelCoordinates</name>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No runs to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose parameters and a metric to compare</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::Parser</name>
    <message>
        <source>Invalid search filter at column %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the quote %1 is never closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an identifier such as metrics.loss, params.lr or attributes.status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown entity &quot;%1&quot;; use metrics., params., tags. or attributes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name after &quot;%1.&quot; is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown attribute &quot;%1&quot;; valid attributes are %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected IN after NOT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected NULL after IS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a comparison (=, !=, &lt;, &lt;=, &gt;, &gt;=, LIKE, ILIKE, IN, NOT IN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a parenthesised list of quoted values, e.g. (&apos;FINISHED&apos;, &apos;FAILED&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a quoted value in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;)&apos; in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 applies to params, tags and metrics only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; compares numbers: use =, !=, &lt;, &lt;=, &gt; or &gt;=</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; compares text: use =, !=, LIKE, ILIKE, IN or NOT IN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a value is missing after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a number: write the value without quotes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text values must be in single or double quotes, e.g. params.lr = &apos;0.01&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OR is not supported: MLflow&apos;s search syntax joins conditions with AND only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected AND or the end of the filter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::ProfileReader</name>
    <message>
        <source>the profile is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a profile must be a mapping of keys to values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot; ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the profile has no &quot;name&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name &quot;%1&quot; may use only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kind must be &quot;local&quot; or &quot;cluster&quot;, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compute.gpuCount must be &quot;auto&quot; or a number of GPUs, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a single value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number of at least %2, not &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a mapping of names to values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value of &quot;%1&quot; must be a single value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.access must be &quot;direct&quot; or &quot;proxy&quot;, not &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;tolerations&quot; must be a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each toleration must be a mapping (key, operator, value, effect)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;envFrom&quot; must be a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each envFrom entry names a secretRef or a configMapRef</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::ProjectReader</name>
    <message>
        <source>entry point &quot;%1&quot; must be a mapping with &quot;command&quot; and &quot;parameters&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry point &quot;%1&quot; has no &quot;command&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the parameters of entry point &quot;%1&quot; must be a mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the type of parameter &quot;%1&quot; must be a single word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default of parameter &quot;%1&quot; must be a single value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot; must be a type name or {type, default}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot; has the unknown type &quot;%2&quot; (use float, int, string, path or uri)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default of parameter &quot;%1&quot; is not valid: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::RunDetailsView</name>
    <message>
        <source>Parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Artifact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Artifacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a run to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ended %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Artifacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No artifacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list artifacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::RunsTableModel</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Killed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest value of metric %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameter %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lab::SearchFilter</name>
    <message>
        <source>expected ASC, DESC or the end of the order_by term</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Lab profile to open (default: local).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MLflow tracking store to use instead of the profile&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface language: en or ro.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Launch, watch and compare training runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lab Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lab Console cannot open its tracking store: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
