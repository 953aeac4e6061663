<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ro" sourcelanguage="en">
<context>
    <name>lab</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>invalid URL %1</source>
        <translation>URL nevalid %1</translation>
    </message>
    <message>
        <source>cannot resolve host name %1</source>
        <translation>numele de gazdă %1 nu poate fi rezolvat</translation>
    </message>
    <message>
        <source>Check the server address and your network connection.</source>
        <translation>Verificați adresa serverului și conexiunea la rețea.</translation>
    </message>
    <message>
        <source>cannot resolve the proxy&apos;s host name</source>
        <translation>numele de gazdă al proxy-ului nu poate fi rezolvat</translation>
    </message>
    <message>
        <source>Check the proxy settings (http_proxy, https_proxy).</source>
        <translation>Verificați setările proxy-ului (http_proxy, https_proxy).</translation>
    </message>
    <message>
        <source>proxy %1 is unreachable</source>
        <translation>proxy-ul %1 nu poate fi contactat</translation>
    </message>
    <message>
        <source>Check the proxy settings (http_proxy, https_proxy, no_proxy).</source>
        <translation>Verificați setările proxy-ului (http_proxy, https_proxy, no_proxy).</translation>
    </message>
    <message>
        <source>cannot reach %1</source>
        <translation>%1 nu poate fi contactat</translation>
    </message>
    <message>
        <source>Check your network connection.</source>
        <translation>Verificați conexiunea la rețea.</translation>
    </message>
    <message>
        <source>connection refused to %1</source>
        <translation>conexiune refuzată de %1</translation>
    </message>
    <message>
        <source>Check that the server is running and that the address and port are right.</source>
        <translation>Verificați că serverul rulează și că adresa și portul sunt corecte.</translation>
    </message>
    <message>
        <source>resolving %1 timed out</source>
        <translation>rezolvarea numelui %1 a depășit timpul de așteptare</translation>
    </message>
    <message>
        <source>could not connect to %1 within %2</source>
        <translation>conectarea la %1 nu a reușit în %2</translation>
    </message>
    <message>
        <source>The server is unreachable or very slow; check the address or try again later.</source>
        <translation>Serverul nu poate fi contactat sau este foarte lent; verificați adresa sau încercați din nou mai târziu.</translation>
    </message>
    <message>
        <source>request to %1 timed out after %2</source>
        <translation>cererea către %1 a expirat după %2</translation>
    </message>
    <message>
        <source>The server is slow or the response is large; try again or raise the timeout.</source>
        <translation>Serverul este lent sau răspunsul este mare; încercați din nou sau măriți timpul de așteptare.</translation>
    </message>
    <message>
        <source>truncated response from %1: the connection closed after %2 of %3</source>
        <translation>răspuns trunchiat de la %1: conexiunea s-a închis după %2 din %3</translation>
    </message>
    <message>
        <source>truncated response from %1: the connection closed in the middle of the body</source>
        <translation>răspuns trunchiat de la %1: conexiunea s-a închis în mijlocul conținutului</translation>
    </message>
    <message>
        <source>The server or a proxy dropped the connection; try again.</source>
        <translation>Serverul sau un proxy a întrerupt conexiunea; încercați din nou.</translation>
    </message>
    <message>
        <source>response too large (over %1)</source>
        <translation>răspuns prea mare (peste %1)</translation>
    </message>
    <message>
        <source>Ask for less at a time (a smaller page or a filter).</source>
        <translation>Cereți mai puțin deodată (o pagină mai mică sau un filtru).</translation>
    </message>
    <message>
        <source>%1 closed the connection without a response</source>
        <translation>%1 a închis conexiunea fără răspuns</translation>
    </message>
    <message>
        <source>the response from %1 could not be decompressed</source>
        <translation>răspunsul de la %1 nu a putut fi decomprimat</translation>
    </message>
    <message>
        <source>another host</source>
        <translation>altă gazdă</translation>
    </message>
    <message>
        <source> or </source>
        <translation> sau </translation>
    </message>
    <message>
        <source>TLS: certificate is for %1, not %2</source>
        <translation>TLS: certificatul este pentru %1, nu pentru %2</translation>
    </message>
    <message>
        <source>Connect with the name on the certificate, or set the TLS server name.</source>
        <translation>Conectați-vă cu numele din certificat sau setați numele serverului TLS.</translation>
    </message>
    <message>
        <source>TLS: the certificate of %1 is not trusted (%2)</source>
        <translation>TLS: certificatul lui %1 nu este de încredere (%2)</translation>
    </message>
    <message>
        <source>Set the CA certificate that signed the server&apos;s certificate.</source>
        <translation>Setați certificatul CA care a semnat certificatul serverului.</translation>
    </message>
    <message>
        <source>TLS: the client certificate or key cannot be used</source>
        <translation>TLS: certificatul sau cheia clientului nu pot fi folosite</translation>
    </message>
    <message>
        <source>Check that the client certificate and key belong together and are PEM.</source>
        <translation>Verificați că certificatul și cheia clientului se potrivesc și sunt în format PEM.</translation>
    </message>
    <message>
        <source>TLS: the CA certificates cannot be read</source>
        <translation>TLS: certificatele CA nu pot fi citite</translation>
    </message>
    <message>
        <source>Check the CA file: it must hold PEM certificates.</source>
        <translation>Verificați fișierul CA: trebuie să conțină certificate PEM.</translation>
    </message>
    <message>
        <source>TLS: %1 rejected the client certificate, or requires one</source>
        <translation>TLS: %1 a respins certificatul clientului sau cere unul</translation>
    </message>
    <message>
        <source>Set a client certificate and key the server accepts.</source>
        <translation>Setați un certificat și o cheie de client pe care serverul le acceptă.</translation>
    </message>
    <message>
        <source>TLS handshake with %1 failed</source>
        <translation>negocierea TLS cu %1 a eșuat</translation>
    </message>
    <message>
        <source>Check that the server speaks TLS on this port (https) and the TLS settings.</source>
        <translation>Verificați că serverul folosește TLS pe acest port (https) și setările TLS.</translation>
    </message>
    <message>
        <source>the connection to %1 was reset</source>
        <translation>conexiunea cu %1 a fost resetată</translation>
    </message>
    <message>
        <source>the connection to %1 failed</source>
        <translation>conexiunea cu %1 a eșuat</translation>
    </message>
    <message>
        <source>the proxy refused to connect to %1</source>
        <translation>proxy-ul a refuzat conectarea la %1</translation>
    </message>
    <message>
        <source>too many redirects from %1</source>
        <translation>prea multe redirecționări de la %1</translation>
    </message>
    <message>
        <source>request to %1 failed: %2</source>
        <translation>cererea către %1 a eșuat: %2</translation>
    </message>
    <message>
        <source>request cancelled</source>
        <translation>cerere anulată</translation>
    </message>
    <message>
        <source>no data from %1 for %2</source>
        <translation>nicio dată de la %1 timp de %2</translation>
    </message>
    <message>
        <source>The server stopped sending; try again.</source>
        <translation>Serverul a încetat să trimită date; încercați din nou.</translation>
    </message>
    <message>
        <source>invalid URL %1: only http and https are supported</source>
        <translation>URL nevalid %1: sunt acceptate doar http și https</translation>
    </message>
    <message>
        <source>request failed</source>
        <translation>cererea a eșuat</translation>
    </message>
    <message>
        <source>cannot write to %1: permission denied</source>
        <translation>nu se poate scrie în %1: permisiune refuzată</translation>
    </message>
    <message>
        <source>Choose a tracking store folder you can write to, or change the folder&apos;s permissions.</source>
        <translation>Alegeți un dosar pentru depozitul de urmărire în care puteți scrie sau schimbați permisiunile dosarului.</translation>
    </message>
    <message>
        <source>cannot write to %1: %2 is not a folder</source>
        <translation>nu se poate scrie în %1: %2 nu este un dosar</translation>
    </message>
    <message>
        <source>cannot write to %1: %2</source>
        <translation>nu se poate scrie în %1: %2</translation>
    </message>
    <message>
        <source>the folder could not be created</source>
        <translation>dosarul nu a putut fi creat</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>linia %1: %2</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>fișierul este gol</translation>
    </message>
    <message>
        <source>it does not hold a mapping of fields</source>
        <translation>nu conține o corespondență de câmpuri</translation>
    </message>
    <message>
        <source>Invalid %1 name &quot;%2&quot;: names may hold letters, digits, _ - . : space and /, and must not start or end with / or contain ..</source>
        <translation>Nume de %1 nevalid „%2”: numele pot conține litere, cifre, _ - . : spațiu și /, nu pot începe sau se termina cu / și nu pot conține ..</translation>
    </message>
    <message>
        <source>%1 line %2 is malformed: &quot;%3&quot;</source>
        <translation>%1, linia %2 este greșit formată: „%3”</translation>
    </message>
    <message>
        <source>%1 has %2 malformed lines in all</source>
        <translation>%1 are în total %2 linii greșit formate</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 nu poate fi citit: %2</translation>
    </message>
    <message>
        <source>Invalid page token &quot;%1&quot;</source>
        <translation>Jeton de pagină nevalid „%1”</translation>
    </message>
    <message>
        <source>meta.yaml is missing in run folder %1</source>
        <translation>meta.yaml lipsește din dosarul rulării %1</translation>
    </message>
    <message>
        <source>meta.yaml of run %1 is unreadable (%2)</source>
        <translation>meta.yaml al rulării %1 nu poate fi citit (%2)</translation>
    </message>
    <message>
        <source>meta.yaml of run %1 records the run id &quot;%2&quot;</source>
        <translation>meta.yaml al rulării %1 înregistrează id-ul de rulare „%2”</translation>
    </message>
    <message>
        <source>meta.yaml of run %1 records experiment &quot;%2&quot; but the run lies in experiment &quot;%3&quot;</source>
        <translation>meta.yaml al rulării %1 înregistrează experimentul „%2”, dar rularea se află în experimentul „%3”</translation>
    </message>
    <message>
        <source>meta.yaml of run %1 has an unknown status &quot;%2&quot;</source>
        <translation>meta.yaml al rulării %1 are o stare necunoscută „%2”</translation>
    </message>
    <message>
        <source>meta.yaml of run %1 has a start_time that is not a number</source>
        <translation>meta.yaml al rulării %1 are un start_time care nu este un număr</translation>
    </message>
    <message>
        <source>meta.yaml of run %1 has an end_time that is not a number</source>
        <translation>meta.yaml al rulării %1 are un end_time care nu este un număr</translation>
    </message>
    <message>
        <source>%1/%2 cannot be read: %3</source>
        <translation>%1/%2 nu poate fi citit: %3</translation>
    </message>
    <message>
        <source>%1/%2 is not valid UTF-8; bad bytes are shown as �</source>
        <translation>%1/%2 nu este UTF-8 valid; octeții greșiți sunt afișați ca �</translation>
    </message>
    <message>
        <source>The MLflow JSON does not have the expected shape: %1.</source>
        <translation>JSON-ul MLflow nu are forma așteptată: %1.</translation>
    </message>
    <message>
        <source>field &apos;%1&apos; is not a string</source>
        <translation>câmpul „%1” nu este un șir de caractere</translation>
    </message>
    <message>
        <source>field &apos;%1&apos; is not an integer</source>
        <translation>câmpul „%1” nu este un număr întreg</translation>
    </message>
    <message>
        <source>field &apos;%1&apos; is not a list</source>
        <translation>câmpul „%1” nu este o listă</translation>
    </message>
    <message>
        <source>an entry of &apos;%1&apos; is not an object</source>
        <translation>o intrare din „%1” nu este un obiect</translation>
    </message>
    <message>
        <source>The tracking URI %1 names no local folder</source>
        <translation>URI-ul de urmărire %1 nu indică niciun dosar local</translation>
    </message>
    <message>
        <source>The tracking URI %1 uses a scheme that is not supported</source>
        <translation>URI-ul de urmărire %1 folosește o schemă neacceptată</translation>
    </message>
    <message>
        <source>%1 is not a Lab Console bundle</source>
        <translation>%1 nu este un pachet Lab Console</translation>
    </message>
    <message>
        <source>Open a file written by &quot;Export bundle&quot; or `labctl export` (*.labbundle).</source>
        <translation>Deschideți un fișier scris de „Exportă un pachet” sau `labctl export` (*.labbundle).</translation>
    </message>
    <message>
        <source>The bundle %1 is damaged: %2</source>
        <translation>Pachetul %1 este deteriorat: %2</translation>
    </message>
    <message>
        <source>Export the runs again, or copy the file again if it came from elsewhere.</source>
        <translation>Exportați din nou rulările sau copiați din nou fișierul, dacă provine din altă parte.</translation>
    </message>
    <message>
        <source>the response is not a JSON object</source>
        <translation>răspunsul nu este un obiect JSON</translation>
    </message>
    <message>
        <source>&apos;metrics&apos; is not a list</source>
        <translation>„metrics” nu este o listă</translation>
    </message>
    <message>
        <source>more follows the end of the response</source>
        <translation>după sfârșitul răspunsului mai urmează date</translation>
    </message>
    <message>
        <source>The metric history is not valid UTF-8.</source>
        <translation>Istoricul metricii nu este UTF-8 valid.</translation>
    </message>
    <message>
        <source>A registered model needs a name.</source>
        <translation>Un model înregistrat are nevoie de un nume.</translation>
    </message>
    <message>
        <source>Invalid registered model name &quot;%1&quot;: it cannot contain a path separator.</source>
        <translation>Nume de model înregistrat nevalid „%1”: nu poate conține un separator de cale.</translation>
    </message>
    <message>
        <source>Invalid registered model name &quot;%1&quot;: it cannot contain &apos;%&apos;.</source>
        <translation>Nume de model înregistrat nevalid „%1”: nu poate conține „%”.</translation>
    </message>
    <message>
        <source>Invalid registered model name &quot;%1&quot;: it cannot start with &apos;.&apos;.</source>
        <translation>Nume de model înregistrat nevalid „%1”: nu poate începe cu „.”.</translation>
    </message>
    <message>
        <source>Registered model alias name cannot be empty.</source>
        <translation>Numele aliasului unui model înregistrat nu poate fi gol.</translation>
    </message>
    <message>
        <source>Invalid alias name &quot;%1&quot;: names may only contain letters, digits, underscores (_) and dashes (-).</source>
        <translation>Nume de alias nevalid „%1”: numele pot conține doar litere, cifre, caractere de subliniere (_) și cratime (-).</translation>
    </message>
    <message>
        <source>Invalid alias name &quot;%1&quot;: an alias cannot look like a version (v&lt;number&gt;).</source>
        <translation>Nume de alias nevalid „%1”: un alias nu poate arăta ca o versiune (v&lt;număr&gt;).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is reserved: the alias name &quot;latest&quot; (in any case) always means the newest version.</source>
        <translation>„%1” este rezervat: numele de alias „latest” (cu litere mari sau mici) înseamnă întotdeauna cea mai nouă versiune.</translation>
    </message>
    <message>
        <source>Invalid model version &quot;%1&quot;: it must be a positive whole number.</source>
        <translation>Versiune de model nevalidă „%1”: trebuie să fie un număr întreg pozitiv.</translation>
    </message>
    <message>
        <source>Registered model &quot;%1&quot; not found</source>
        <translation>Modelul înregistrat „%1” nu a fost găsit</translation>
    </message>
    <message>
        <source>Check the name, or register the model first.</source>
        <translation>Verificați numele sau înregistrați mai întâi modelul.</translation>
    </message>
    <message>
        <source>Model version %2 of &quot;%1&quot; not found</source>
        <translation>Versiunea %2 a modelului „%1” nu a fost găsită</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>etichetă</translation>
    </message>
    <message>
        <source>The value of tag &quot;%1&quot; is %2 characters long; the registry keeps at most 5000.</source>
        <translation>Valoarea etichetei „%1” are %2 de caractere; registrul păstrează cel mult 5000.</translation>
    </message>
    <message>
        <source>%1: not found in the model registry.</source>
        <translation>%1: nu există în registrul de modele.</translation>
    </message>
    <message>
        <source>%1: the name is already taken in the model registry.</source>
        <translation>%1: numele este deja folosit în registrul de modele.</translation>
    </message>
    <message>
        <source>%1: the model registry refused it.</source>
        <translation>%1: registrul de modele a refuzat cererea.</translation>
    </message>
    <message>
        <source>%1: the server&apos;s answer is not what MLflow sends (%2).</source>
        <translation>%1: răspunsul serverului nu este ceea ce trimite MLflow (%2).</translation>
    </message>
    <message>
        <source>no registered_model</source>
        <translation>lipsește registered_model</translation>
    </message>
    <message>
        <source>no model_version</source>
        <translation>lipsește model_version</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a list</source>
        <translation>„%1” nu este o listă</translation>
    </message>
    <message>
        <source>the server sent the same page token twice</source>
        <translation>serverul a trimis de două ori același jeton de pagină</translation>
    </message>
    <message>
        <source>The MLflow server&apos;s answer to %1 has an unexpected shape: %2</source>
        <translation>Răspunsul serverului MLflow la %1 are o formă neașteptată: %2</translation>
    </message>
    <message>
        <source>The MLflow server&apos;s answer to %1 is not a valid metric history: %2</source>
        <translation>Răspunsul serverului MLflow la %1 nu este un istoric de metrică valid: %2</translation>
    </message>
    <message>
        <source>The answer may have been cut off by the network or a proxy; try again.</source>
        <translation>Este posibil ca răspunsul să fi fost întrerupt de rețea sau de un proxy; încercați din nou.</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>conexiune refuzată</translation>
    </message>
    <message>
        <source>host not found</source>
        <translation>gazda nu a fost găsită</translation>
    </message>
    <message>
        <source>connection timed out</source>
        <translation>conexiunea a expirat</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>niciun răspuns la timp</translation>
    </message>
    <message>
        <source>connection reset</source>
        <translation>conexiune resetată</translation>
    </message>
    <message>
        <source>proxy unreachable</source>
        <translation>proxy-ul nu poate fi contactat</translation>
    </message>
    <message>
        <source>server unavailable, HTTP %1</source>
        <translation>server indisponibil, HTTP %1</translation>
    </message>
    <message>
        <source>network error</source>
        <translation>eroare de rețea</translation>
    </message>
    <message>
        <source>Skipping TLS verification and trusting a server certificate (%1) cannot be combined; choose one</source>
        <translation>Omiterea verificării TLS și încrederea într-un certificat de server (%1) nu pot fi combinate; alegeți una dintre ele</translation>
    </message>
</context>
<context>
    <name>lab::AppContext</name>
    <message>
        <source>The profile %1 works on a Kubernetes cluster, which this version of Lab Console cannot reach yet.</source>
        <translation>Profilul %1 lucrează pe un cluster Kubernetes, pe care această versiune a Lab Console nu îl poate accesa încă.</translation>
    </message>
    <message>
        <source>Use the profile local.</source>
        <translation>Folosiți profilul local.</translation>
    </message>
</context>
<context>
    <name>lab::BundleStore</name>
    <message>
        <source>The bundle %1 does not exist</source>
        <translation>Pachetul %1 nu există</translation>
    </message>
    <message>
        <source>The bundle %1 cannot be read: %2</source>
        <translation>Pachetul %1 nu poate fi citit: %2</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>fișierul este gol</translation>
    </message>
    <message>
        <source>it does not start with a bundle header</source>
        <translation>nu începe cu un antet de pachet</translation>
    </message>
    <message>
        <source>its first line is not a JSON header</source>
        <translation>prima sa linie nu este un antet JSON</translation>
    </message>
    <message>
        <source>the header names no &quot;%1&quot; format</source>
        <translation>antetul nu indică formatul „%1”</translation>
    </message>
    <message>
        <source>the header has no valid version</source>
        <translation>antetul nu are o versiune validă</translation>
    </message>
    <message>
        <source>The bundle %1 was written by a newer Lab Console (bundle version %2); this one reads version %3</source>
        <translation>Pachetul %1 a fost scris de o versiune mai nouă a Lab Console (versiunea de pachet %2); aceasta citește versiunea %3</translation>
    </message>
    <message>
        <source>Update Lab Console to open it.</source>
        <translation>Actualizați Lab Console pentru a-l deschide.</translation>
    </message>
    <message>
        <source>unknown compression</source>
        <translation>compresie necunoscută</translation>
    </message>
    <message>
        <source>the header does not say where the runs are</source>
        <translation>antetul nu spune unde se află rulările</translation>
    </message>
    <message>
        <source>The bundle %1 is incomplete: it should hold %2 bytes but has %3</source>
        <translation>Pachetul %1 este incomplet: ar trebui să aibă %2 de octeți, dar are %3</translation>
    </message>
    <message>
        <source>The copy or download probably stopped early; copy the file again.</source>
        <translation>Copierea sau descărcarea s-a oprit probabil înainte de final; copiați din nou fișierul.</translation>
    </message>
    <message>
        <source>the run list</source>
        <translation>lista de rulări</translation>
    </message>
    <message>
        <source>the run list is not valid JSON</source>
        <translation>lista de rulări nu este JSON valid</translation>
    </message>
    <message>
        <source>an experiment cannot be read</source>
        <translation>un experiment nu poate fi citit</translation>
    </message>
    <message>
        <source>the run list is missing</source>
        <translation>lista de rulări lipsește</translation>
    </message>
    <message>
        <source>a run entry has no run</source>
        <translation>o intrare de rulare nu conține nicio rulare</translation>
    </message>
    <message>
        <source>a run cannot be read</source>
        <translation>o rulare nu poate fi citită</translation>
    </message>
    <message>
        <source>a metric history of run %1 has no place</source>
        <translation>un istoric de metrică al rulării %1 nu are o poziție în fișier</translation>
    </message>
    <message>
        <source>an artifact of run %1 has no place</source>
        <translation>un artefact al rulării %1 nu are o poziție în fișier</translation>
    </message>
    <message>
        <source>%1 was cut at %2 MiB when the bundle was written (the original had %3 bytes)</source>
        <translation>Artefactul %1 a fost trunchiat la %2 MiB când a fost scris pachetul (originalul avea %3 de octeți)</translation>
    </message>
    <message>
        <source>run %1 appears twice</source>
        <translation>rularea %1 apare de două ori</translation>
    </message>
    <message>
        <source>%1 lies outside the file</source>
        <translation>%1 se află în afara fișierului</translation>
    </message>
    <message>
        <source>%1 cannot be reached</source>
        <translation>nu se poate ajunge la %1</translation>
    </message>
    <message>
        <source>%1 is cut short</source>
        <translation>%1 se termină prea devreme</translation>
    </message>
    <message>
        <source>%1 claims an impossible size</source>
        <translation>%1 declară o mărime imposibilă</translation>
    </message>
    <message>
        <source>%1 does not decompress</source>
        <translation>decomprimarea eșuează pentru %1</translation>
    </message>
    <message>
        <source>The bundle %1 is read-only</source>
        <translation>Pachetul %1 poate fi doar citit</translation>
    </message>
    <message>
        <source>Import it into a store (&quot;Import bundle&quot; or `labctl import`) to change its runs.</source>
        <translation>Importați-l într-un depozit („Importă un pachet” sau `labctl import`) pentru a-i modifica rulările.</translation>
    </message>
    <message>
        <source>Run %1 is not in the bundle %2</source>
        <translation>Rularea %1 nu se află în pachetul %2</translation>
    </message>
    <message>
        <source>Experiment %1 is not in the bundle %2</source>
        <translation>Experimentul %1 nu se află în pachetul %2</translation>
    </message>
    <message>
        <source>maxResults must be between 1 and 50000, not %1</source>
        <translation>maxResults trebuie să fie între 1 și 50000, nu %1</translation>
    </message>
    <message>
        <source>the history of %1 in run %2</source>
        <translation>istoricul metricii %1 din rularea %2</translation>
    </message>
    <message>
        <source>Run %1 has no artifact &quot;%2&quot; in the bundle</source>
        <translation>Rularea %1 nu are artefactul „%2” în pachet</translation>
    </message>
    <message>
        <source>the artifact %1 of run %2</source>
        <translation>artefactul %1 al rulării %2</translation>
    </message>
</context>
<context>
    <name>lab::ChartPanel</name>
    <message>
        <source>&amp;Metric:</source>
        <translation>&amp;Metrică:</translation>
    </message>
    <message>
        <source>&amp;Smoothing:</source>
        <translation>&amp;Netezire:</translation>
    </message>
    <message>
        <source>Exponential moving average weight, as in TensorBoard (0 = raw values)</source>
        <translation>Ponderea mediei mobile exponențiale, ca în TensorBoard (0 = valorile brute)</translation>
    </message>
    <message>
        <source>&amp;X axis:</source>
        <translation>Axa &amp;X:</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Pas</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>Ora reală</translation>
    </message>
    <message>
        <source>Relative time</source>
        <translation>Timp relativ</translation>
    </message>
    <message>
        <source>&amp;Log scale</source>
        <translation>Scară &amp;logaritmică</translation>
    </message>
    <message>
        <source>Reset &amp;zoom</source>
        <translation>Resetează &amp;zoomul</translation>
    </message>
    <message>
        <source>Show all the data again and follow new points (double-click the chart does the same)</source>
        <translation>Afișează din nou toate datele și urmărește punctele noi (dublu clic pe grafic face același lucru)</translation>
    </message>
</context>
<context>
    <name>lab::CompareView</name>
    <message>
        <source>Parameter</source>
        <translation>Parametru</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrică</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Rulare</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Ultima</translation>
    </message>
    <message>
        <source>Select two or more runs in the table to compare them.</source>
        <translation>Selectați două sau mai multe rulări din tabel pentru a le compara.</translation>
    </message>
    <message numerus="yes">
        <source>Comparing %n run(s)</source>
        <translation>
            <numerusform>Se compară %n rulare</numerusform>
            <numerusform>Se compară %n rulări</numerusform>
            <numerusform>Se compară %n de rulări</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Metric:</source>
        <translation>&amp;Metrică:</translation>
    </message>
    <message>
        <source>&amp;Differences only</source>
        <translation>Doar &amp;diferențele</translation>
    </message>
    <message>
        <source>Hide the parameters that have the same value in every run</source>
        <translation>Ascunde parametrii care au aceeași valoare în toate rulările</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>lab::ConnectDialog</name>
    <message>
        <source>Enter the address of the tracking server, for example https://mlflow.example.org:5000.</source>
        <translation>Introduceți adresa serverului de tracking, de exemplu https://mlflow.example.org:5000.</translation>
    </message>
    <message>
        <source>This is not a valid address.</source>
        <translation>Aceasta nu este o adresă validă.</translation>
    </message>
    <message>
        <source>The address must start with http:// or https://.</source>
        <translation>Adresa trebuie să înceapă cu http:// sau https://.</translation>
    </message>
    <message>
        <source>The address names no server: give it as https://host:port.</source>
        <translation>Adresa nu numește niciun server: scrieți-o ca https://gazdă:port.</translation>
    </message>
    <message>
        <source>Put the user name and password in their own fields, not in the address.</source>
        <translation>Scrieți numele de utilizator și parola în câmpurile lor, nu în adresă.</translation>
    </message>
    <message>
        <source>Enter the user name.</source>
        <translation>Introduceți numele de utilizator.</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>Introduceți parola.</translation>
    </message>
    <message>
        <source>Enter the token.</source>
        <translation>Introduceți tokenul.</translation>
    </message>
    <message>
        <source>The CA certificate file %1 does not exist.</source>
        <translation>Fișierul de certificat CA %1 nu există.</translation>
    </message>
    <message>
        <source>The client certificate file %1 does not exist.</source>
        <translation>Fișierul de certificat client %1 nu există.</translation>
    </message>
    <message>
        <source>The CA certificate file %1 cannot be read.</source>
        <translation>Fișierul de certificat CA %1 nu poate fi citit.</translation>
    </message>
    <message>
        <source>The client certificate file %1 cannot be read.</source>
        <translation>Fișierul de certificat client %1 nu poate fi citit.</translation>
    </message>
    <message>
        <source>Skipping TLS verification and checking the server with a CA certificate cannot go together: clear one of them.</source>
        <translation>Omiterea verificării TLS și verificarea serverului cu un certificat CA nu pot merge împreună: renunțați la una dintre ele.</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>Certificat CA</translation>
    </message>
    <message>
        <source>Client certificate and key</source>
        <translation>Certificat client și cheie</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Fișiere PEM (*.pem *.crt *.cer);;Toate fișierele (*)</translation>
    </message>
    <message>
        <source>Correct the fields marked above first.</source>
        <translation>Corectați mai întâi câmpurile marcate mai sus.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Conectare la %1…</translation>
    </message>
    <message numerus="yes">
        <source>Connected: the server has %n experiment(s).</source>
        <translation>
            <numerusform>Conectat: serverul are %n experiment.</numerusform>
            <numerusform>Conectat: serverul are %n experimente.</numerusform>
            <numerusform>Conectat: serverul are %n de experimente.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server asks for credentials: choose how to sign in and enter them.</source>
        <translation>Serverul cere date de autentificare: alegeți cum vă autentificați și introduceți-le.</translation>
    </message>
    <message>
        <source>The server refused the credentials: check the user name and password, or the token.</source>
        <translation>Serverul a refuzat datele de autentificare: verificați numele de utilizator și parola sau tokenul.</translation>
    </message>
    <message>
        <source>The server knows who you are but does not let you read its experiments.</source>
        <translation>Serverul știe cine sunteți, dar nu vă permite să îi citiți experimentele.</translation>
    </message>
    <message>
        <source>Could not connect: %1</source>
        <translation>Conectarea a eșuat: %1</translation>
    </message>
    <message>
        <source>Connect to a tracking server</source>
        <translation>Conectare la un server de tracking</translation>
    </message>
    <message>
        <source>The MLflow tracking server to open. The settings mean what MLflow&apos;s own client reads from MLFLOW_TRACKING_URI and the other MLFLOW_TRACKING_* variables.</source>
        <translation>Serverul de tracking MLflow de deschis. Setările înseamnă ceea ce citește clientul MLflow din MLFLOW_TRACKING_URI și celelalte variabile MLFLOW_TRACKING_*.</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>&amp;Adresa serverului:</translation>
    </message>
    <message>
        <source>Sign &amp;in with:</source>
        <translation>Autent&amp;ificare cu:</translation>
    </message>
    <message>
        <source>No credentials</source>
        <translation>Fără date de autentificare</translation>
    </message>
    <message>
        <source>User name and password</source>
        <translation>Nume de utilizator și parolă</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nume de &amp;utilizator:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Parolă:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>CA &amp;certificate:</source>
        <translation>&amp;Certificat CA:</translation>
    </message>
    <message>
        <source>The system&apos;s certificates</source>
        <translation>Certificatele sistemului</translation>
    </message>
    <message>
        <source>A PEM file of the authorities to check the server with (MLFLOW_TRACKING_SERVER_CERT_PATH).</source>
        <translation>Un fișier PEM cu autoritățile cu care se verifică serverul (MLFLOW_TRACKING_SERVER_CERT_PATH).</translation>
    </message>
    <message>
        <source>C&amp;lient certificate:</source>
        <translation>Certificat c&amp;lient:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Niciunul</translation>
    </message>
    <message>
        <source>A PEM file holding your certificate and its key, for servers that ask for one (MLFLOW_TRACKING_CLIENT_CERT_PATH).</source>
        <translation>Un fișier PEM cu certificatul dumneavoastră și cheia lui, pentru serverele care cer unul (MLFLOW_TRACKING_CLIENT_CERT_PATH).</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Răsfoiește…</translation>
    </message>
    <message>
        <source>&amp;Skip TLS verification</source>
        <translation>&amp;Omite verificarea TLS</translation>
    </message>
    <message>
        <source>Warning: the server&apos;s certificate is not checked. Anyone between you and the server could read your password or token and change what you see.</source>
        <translation>Atenție: certificatul serverului nu este verificat. Oricine se află între dumneavoastră și server vă poate citi parola sau tokenul și poate schimba ceea ce vedeți.</translation>
    </message>
    <message>
        <source>&amp;Remember in the system keychain</source>
        <translation>&amp;Reține în keychain-ul sistemului</translation>
    </message>
    <message>
        <source>T&amp;est connection</source>
        <translation>T&amp;estează conexiunea</translation>
    </message>
</context>
<context>
    <name>lab::ExperimentsModel</name>
    <message>
        <source>Experiment %1</source>
        <translation>Experimentul %1</translation>
    </message>
    <message>
        <source>Artifacts: %1</source>
        <translation>Artefacte: %1</translation>
    </message>
</context>
<context>
    <name>lab::GpuCard</name>
    <message>
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
    <message>
        <source>Utilisation</source>
        <translation>Utilizare</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Memorie</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatură</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Putere</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>indisponibil</translation>
    </message>
    <message>
        <source>GPU %1 · %2</source>
        <translation>GPU %1 · %2</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 °C</source>
        <translation>%1 °C</translation>
    </message>
    <message>
        <source>%1 W</source>
        <translation>%1 W</translation>
    </message>
    <message>
        <source>Used by run &lt;a href=&quot;run:%1&quot;&gt;%2&lt;/a&gt;</source>
        <translation>Folosit de rularea &lt;a href=&quot;run:%1&quot;&gt;%2&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Used by job %1</source>
        <translation>Folosit de sarcina %1</translation>
    </message>
    <message numerus="yes">
        <source>Used by %n other process(es)</source>
        <translation>
            <numerusform>Folosit de %n alt proces</numerusform>
            <numerusform>Folosit de alte %n procese</numerusform>
            <numerusform>Folosit de alte %n de procese</numerusform>
        </translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Inactiv</translation>
    </message>
</context>
<context>
    <name>lab::GpuChart</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>−%1 min</source>
        <translation>−%1 min</translation>
    </message>
    <message>
        <source>−%1 s</source>
        <translation>−%1 s</translation>
    </message>
    <message>
        <source>now</source>
        <translation>acum</translation>
    </message>
    <message>
        <source>Utilisation</source>
        <translation>Utilizare</translation>
    </message>
    <message>
        <source>Memory used</source>
        <translation>Memorie folosită</translation>
    </message>
    <message>
        <source>No samples yet</source>
        <translation>Încă nicio măsurătoare</translation>
    </message>
</context>
<context>
    <name>lab::GpuPanel</name>
    <message>
        <source>Waiting for the first GPU sample…</source>
        <translation>Se așteaptă prima măsurătoare a GPU-ului…</translation>
    </message>
    <message>
        <source>Starting GPU telemetry…</source>
        <translation>Se pornește telemetria GPU…</translation>
    </message>
    <message>
        <source>No NVIDIA driver found — GPU telemetry is unavailable on this machine.</source>
        <translation>Nu s-a găsit niciun driver NVIDIA — telemetria GPU nu este disponibilă pe acest calculator.</translation>
    </message>
    <message>
        <source>No NVIDIA GPU found on this machine.</source>
        <translation>Nu s-a găsit niciun GPU NVIDIA pe acest calculator.</translation>
    </message>
    <message>
        <source>GPU telemetry is unavailable.</source>
        <translation>Telemetria GPU nu este disponibilă.</translation>
    </message>
    <message>
        <source>GPU telemetry is unavailable: %1</source>
        <translation>Telemetria GPU nu este disponibilă: %1</translation>
    </message>
</context>
<context>
    <name>lab::GpuTelemetry</name>
    <message>
        <source>Looking for GPUs…</source>
        <translation>Se caută GPU-uri…</translation>
    </message>
</context>
<context>
    <name>lab::HttpClient</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n octet</numerusform>
            <numerusform>%n octeți</numerusform>
            <numerusform>%n de octeți</numerusform>
        </translation>
    </message>
    <message>
        <source>HTML page</source>
        <translation>pagină HTML</translation>
    </message>
    <message>
        <source>plain text</source>
        <translation>text simplu</translation>
    </message>
    <message>
        <source>empty body</source>
        <translation>conținut gol</translation>
    </message>
    <message>
        <source>no content type</source>
        <translation>fără tip de conținut</translation>
    </message>
    <message>
        <source>Unexpected response from %1 (%2, HTTP %3)</source>
        <translation>Răspuns neașteptat de la %1 (%2, HTTP %3)</translation>
    </message>
    <message>
        <source>A proxy or login page may be in the way; check the server address.</source>
        <translation>Probabil un proxy sau o pagină de autentificare stă în cale; verificați adresa serverului.</translation>
    </message>
</context>
<context>
    <name>lab::LabCtl</name>
    <message>
        <source>it holds one of | &amp; ; &lt; &gt; ( ) { } or a newline unquoted (wrap a pipeline in sh -c &apos;...&apos;)</source>
        <translation>conține unul dintre | &amp; ; &lt; &gt; ( ) { } sau un salt de linie fără ghilimele (puneți o conductă în sh -c &apos;...&apos;)</translation>
    </message>
    <message>
        <source>command substitution is not allowed</source>
        <translation>substituirea de comenzi nu este permisă</translation>
    </message>
    <message>
        <source>its quotes are unbalanced</source>
        <translation>ghilimelele nu sunt echilibrate</translation>
    </message>
    <message>
        <source>it cannot be split into words</source>
        <translation>nu poate fi împărțită în cuvinte</translation>
    </message>
    <message>
        <source>--command &quot;%1&quot;: %2</source>
        <translation>--command „%1”: %2</translation>
    </message>
    <message>
        <source>Try &apos;labctl %1--help&apos;.</source>
        <translation>Încercați „labctl %1--help”.</translation>
    </message>
    <message>
        <source>unknown output format &apos;%1&apos; (use table, json or csv)</source>
        <translation>format de ieșire necunoscut „%1” (folosiți table, json sau csv)</translation>
    </message>
    <message>
        <source>option &apos;%1&apos; needs a value</source>
        <translation>opțiunea „%1” necesită o valoare</translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation>opțiune necunoscută „%1”</translation>
    </message>
    <message>
        <source>Usage: labctl %1 {%2} [options]
</source>
        <translation>Utilizare: labctl %1 {%2} [opțiuni]
</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a subcommand: %2</source>
        <translation>„%1” necesită o subcomandă: %2</translation>
    </message>
    <message>
        <source>unknown subcommand &apos;%1 %2&apos; (use %3)</source>
        <translation>subcomandă necunoscută „%1 %2” (folosiți %3)</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>comandă necunoscută „%1”</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afișează acest ajutor.</translation>
    </message>
    <message>
        <source>Lab profile.</source>
        <translation>Profilul laboratorului.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NUME</translation>
    </message>
    <message>
        <source>Tracking store URI.</source>
        <translation>URI-ul depozitului de urmărire.</translation>
    </message>
    <message>
        <source>URI</source>
        <translation>URI</translation>
    </message>
    <message>
        <source>table, json or csv.</source>
        <translation>table, json sau csv.</translation>
    </message>
    <message>
        <source>FORMAT</source>
        <translation>FORMAT</translation>
    </message>
    <message>
        <source>Usage: labctl %1 [options] %2</source>
        <translation>Utilizare: labctl %1 [opțiuni] %2</translation>
    </message>
    <message>
        <source>experiment &apos;%1&apos; not found in %2</source>
        <translation>experimentul „%1” nu a fost găsit în %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; matches %2 runs (%3); give the run id</source>
        <translation>„%1” se potrivește cu %2 rulări (%3); dați id-ul rulării</translation>
    </message>
    <message>
        <source>run &apos;%1&apos; not found in %2</source>
        <translation>rularea „%1” nu a fost găsită în %2</translation>
    </message>
    <message>
        <source>Include deleted experiments.</source>
        <translation>Include experimentele șterse.</translation>
    </message>
    <message>
        <source>Lists the experiments of the tracking store.</source>
        <translation>Listează experimentele depozitului de urmărire.</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>argument neașteptat „%1”</translation>
    </message>
    <message>
        <source>labctl: warning: experiment %1: %2
</source>
        <translation>labctl: avertisment: experimentul %1: %2
</translation>
    </message>
    <message>
        <source>Lists runs, newest first unless --order-by says otherwise.</source>
        <translation>Listează rulările, cele mai noi întâi, dacă --order-by nu cere altfel.</translation>
    </message>
    <message>
        <source>Experiment name or id (repeatable; default: every active experiment).</source>
        <translation>Numele sau id-ul experimentului (se poate repeta; implicit: toate experimentele active).</translation>
    </message>
    <message>
        <source>NAME|ID</source>
        <translation>NUME|ID</translation>
    </message>
    <message>
        <source>MLflow search filter, e.g. &quot;metrics.val_accuracy &gt; 0.9 and params.lr = &apos;0.01&apos;&quot;.</source>
        <translation>Filtru de căutare MLflow, de exemplu „metrics.val_accuracy &gt; 0.9 and params.lr = &apos;0.01&apos;”.</translation>
    </message>
    <message>
        <source>EXPR</source>
        <translation>EXPR</translation>
    </message>
    <message>
        <source>Order, e.g. &quot;metrics.val_loss ASC&quot; (repeatable).</source>
        <translation>Ordinea, de exemplu „metrics.val_loss ASC” (se poate repeta).</translation>
    </message>
    <message>
        <source>At most N runs (default 1000).</source>
        <translation>Cel mult N rulări (implicit 1000).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Continue after a previous page.</source>
        <translation>Continuă după o pagină anterioară.</translation>
    </message>
    <message>
        <source>TOKEN</source>
        <translation>JETON</translation>
    </message>
    <message>
        <source>Include deleted runs.</source>
        <translation>Include rulările șterse.</translation>
    </message>
    <message>
        <source>--max-results needs a positive number, not &apos;%1&apos;</source>
        <translation>--max-results necesită un număr pozitiv, nu „%1”</translation>
    </message>
    <message>
        <source>labctl: warning: run %1: %2
</source>
        <translation>labctl: avertisment: rularea %1: %2
</translation>
    </message>
    <message>
        <source>labctl: more runs follow; continue with --page-token %1
</source>
        <translation>labctl: urmează mai multe rulări; continuați cu --page-token %1
</translation>
    </message>
    <message>
        <source>Shows one run: its info, parameters, latest metrics and tags.</source>
        <translation>Afișează o rulare: informațiile, parametrii, ultimele valori ale metricilor și etichetele.</translation>
    </message>
    <message>
        <source>Run id, unique id prefix or unique run name.</source>
        <translation>Id-ul rulării, un prefix unic al id-ului sau un nume unic de rulare.</translation>
    </message>
    <message>
        <source>give exactly one RUN</source>
        <translation>dați exact o RULARE</translation>
    </message>
    <message>
        <source>labctl: warning: %1
</source>
        <translation>labctl: avertisment: %1
</translation>
    </message>
    <message>
        <source>  (none)
</source>
        <translation>  (niciunul)
</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>Parametri:</translation>
    </message>
    <message>
        <source>Metrics (latest):</source>
        <translation>Metrici (ultimele valori):</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Etichete:</translation>
    </message>
    <message>
        <source>Compares runs: parameters side by side, and each metric&apos;s last, min and max.</source>
        <translation>Compară rulări: parametrii alăturați și, pentru fiecare metrică, ultima valoare, minimul și maximul.</translation>
    </message>
    <message>
        <source>Two or more runs (id, unique id prefix or unique name).</source>
        <translation>Două sau mai multe rulări (id, prefix unic al id-ului sau nume unic).</translation>
    </message>
    <message>
        <source>Only the parameters that differ.</source>
        <translation>Doar parametrii care diferă.</translation>
    </message>
    <message>
        <source>give at least two runs to compare</source>
        <translation>dați cel puțin două rulări de comparat</translation>
    </message>
    <message>
        <source>Prints the full history of one metric of a run.</source>
        <translation>Afișează istoricul complet al unei metrici a unei rulări.</translation>
    </message>
    <message>
        <source>Metric key, e.g. val_accuracy.</source>
        <translation>Cheia metricii, de exemplu val_accuracy.</translation>
    </message>
    <message>
        <source>give a RUN and a metric KEY</source>
        <translation>dați o RULARE și CHEIA unei metrici</translation>
    </message>
    <message>
        <source>run &apos;%1&apos; has no metric &apos;%2&apos; (it has: %3)</source>
        <translation>rularea „%1” nu are metrica „%2” (are: %3)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>niciuna</translation>
    </message>
    <message>
        <source>Launches a run on the local lab: the bundled trainer lab-train unless --command or --mlproject is given. Parameters become --kebab-case=value arguments (or fill the MLproject command). With --sweep, one child run per combination is queued under a parent run.</source>
        <translation>Lansează o rulare în laboratorul local: antrenorul inclus lab-train, dacă nu se dă --command sau --mlproject. Parametrii devin argumente --kebab-case=valoare (sau completează comanda MLproject). Cu --sweep, se pune în coadă câte o rulare copil pentru fiecare combinație, sub o rulare părinte.</translation>
    </message>
    <message>
        <source>Experiment name or id (created when missing; default: Default).</source>
        <translation>Numele sau id-ul experimentului (creat dacă lipsește; implicit: Default).</translation>
    </message>
    <message>
        <source>Run name.</source>
        <translation>Numele rulării.</translation>
    </message>
    <message>
        <source>A parameter (repeatable).</source>
        <translation>Un parametru (se poate repeta).</translation>
    </message>
    <message>
        <source>KEY=VALUE</source>
        <translation>CHEIE=VALOARE</translation>
    </message>
    <message>
        <source>Sweep a parameter over values (repeatable; a grid).</source>
        <translation>Baleiază un parametru peste mai multe valori (se poate repeta; o grilă).</translation>
    </message>
    <message>
        <source>KEY=V1,V2,...</source>
        <translation>CHEIE=V1,V2,...</translation>
    </message>
    <message>
        <source>GPUs per run (default 0).</source>
        <translation>GPU-uri pe rulare (implicit 0).</translation>
    </message>
    <message>
        <source>Run this command line instead of lab-train (split as sh would: quotes, $VAR).</source>
        <translation>Rulează această linie de comandă în locul lab-train (împărțită ca în sh: ghilimele, $VAR).</translation>
    </message>
    <message>
        <source>&quot;PROGRAM ARGS&quot;</source>
        <translation>„PROGRAM ARGUMENTE”</translation>
    </message>
    <message>
        <source>Run an MLproject entry point from DIR.</source>
        <translation>Rulează un punct de intrare MLproject din DOSAR.</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DOSAR</translation>
    </message>
    <message>
        <source>MLproject entry point (default: main).</source>
        <translation>Punctul de intrare MLproject (implicit: main).</translation>
    </message>
    <message>
        <source>An environment variable for the job (repeatable).</source>
        <translation>O variabilă de mediu pentru sarcină (se poate repeta).</translation>
    </message>
    <message>
        <source>Wait for the run(s) to end; exit 1 unless all FINISHED.</source>
        <translation>Așteaptă încheierea rulărilor; iese cu 1 dacă nu toate sunt FINISHED.</translation>
    </message>
    <message>
        <source>Stream the output to stdout until the run(s) end.</source>
        <translation>Transmite ieșirea la stdout până la încheierea rulărilor.</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos; (quote a command: --command &quot;prog args&quot;)</source>
        <translation>argument neașteptat „%1” (puneți comanda între ghilimele: --command &quot;prog argumente&quot;)</translation>
    </message>
    <message>
        <source>give either --command or --mlproject, not both</source>
        <translation>dați fie --command, fie --mlproject, nu amândouă</translation>
    </message>
    <message>
        <source>--param needs KEY=VALUE, not &apos;%1&apos;</source>
        <translation>--param necesită CHEIE=VALOARE, nu „%1”</translation>
    </message>
    <message>
        <source>--env needs KEY=VALUE, not &apos;%1&apos;</source>
        <translation>--env necesită CHEIE=VALOARE, nu „%1”</translation>
    </message>
    <message>
        <source>--sweep needs KEY=V1,V2,..., not &apos;%1&apos;</source>
        <translation>--sweep necesită CHEIE=V1,V2,..., nu „%1”</translation>
    </message>
    <message>
        <source>--sweep %1 has no values</source>
        <translation>--sweep %1 nu are valori</translation>
    </message>
    <message>
        <source>--gpus needs a number of GPUs, not &apos;%1&apos;</source>
        <translation>--gpus necesită un număr de GPU-uri, nu „%1”</translation>
    </message>
    <message>
        <source>--command is empty</source>
        <translation>--command este gol</translation>
    </message>
    <message>
        <source>profile &apos;%1&apos; is a cluster profile; labctl launches on the local lab only in this version</source>
        <translation>profilul „%1” este un profil de cluster; în această versiune labctl lansează doar în laboratorul local</translation>
    </message>
    <message>
        <source>the bundled trainer lab-train was not found next to labctl, in ../trainer, on PATH or in %1</source>
        <translation>antrenorul inclus lab-train nu a fost găsit lângă labctl, în ../trainer, în PATH sau în %1</translation>
    </message>
    <message numerus="yes">
        <source>labctl: sweep %1: %n run(s) queued
</source>
        <translation>
            <numerusform>labctl: baleiajul %1: %n rulare pusă în coadă
</numerusform>
            <numerusform>labctl: baleiajul %1: %n rulări puse în coadă
</numerusform>
            <numerusform>labctl: baleiajul %1: %n de rulări puse în coadă
</numerusform>
        </translation>
    </message>
    <message>
        <source>labctl: run %1 (%2) queued
</source>
        <translation>labctl: rularea %1 (%2) a fost pusă în coadă
</translation>
    </message>
    <message>
        <source>labctl: run %1 (%2) %3: %4
</source>
        <translation>labctl: rularea %1 (%2) %3: %4
</translation>
    </message>
    <message>
        <source>Prints a run&apos;s output (stdout and stderr of its job).</source>
        <translation>Afișează ieșirea unei rulări (stdout și stderr ale sarcinii sale).</translation>
    </message>
    <message>
        <source>Keep printing new output until the run ends.</source>
        <translation>Continuă să afișeze ieșirea nouă până la încheierea rulării.</translation>
    </message>
    <message>
        <source>run &apos;%1&apos; has no output log (%2)</source>
        <translation>rularea „%1” nu are jurnal de ieșire (%2)</translation>
    </message>
    <message>
        <source>Stops a run&apos;s job: SIGTERM to its process group, SIGKILL after a grace period; the run ends KILLED. A sweep&apos;s parent run cancels all its children.</source>
        <translation>Oprește sarcina unei rulări: SIGTERM grupului ei de procese, SIGKILL după o perioadă de grație; rularea se încheie KILLED. Rularea părinte a unui baleiaj își anulează toți copiii.</translation>
    </message>
    <message>
        <source>Seconds between SIGTERM and SIGKILL (default 5).</source>
        <translation>Secunde între SIGTERM și SIGKILL (implicit 5).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SECUNDE</translation>
    </message>
    <message>
        <source>--grace needs a number of seconds, not &apos;%1&apos;</source>
        <translation>--grace necesită un număr de secunde, nu „%1”</translation>
    </message>
    <message>
        <source>profile &apos;%1&apos; is a cluster profile; labctl cancels local jobs only in this version</source>
        <translation>profilul „%1” este un profil de cluster; în această versiune labctl anulează doar sarcini locale</translation>
    </message>
    <message>
        <source>run &apos;%1&apos; has already ended (%2)</source>
        <translation>rularea „%1” s-a încheiat deja (%2)</translation>
    </message>
    <message>
        <source>run &apos;%1&apos; had already ended; it is now %2</source>
        <translation>rularea „%1” se încheiase deja; acum este %2</translation>
    </message>
    <message>
        <source>run &apos;%1&apos; is %2 but no job of this workstation runs it (host %3, pid %4)</source>
        <translation>rularea „%1” este %2, dar nicio sarcină a acestei stații de lucru nu o execută (gazda %3, pid %4)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>necunoscut</translation>
    </message>
    <message>
        <source>Cancelled run %1: %2
</source>
        <translation>Rularea %1 a fost anulată: %2
</translation>
    </message>
    <message>
        <source>Shows the workstation&apos;s NVIDIA GPUs: utilisation, memory, temperature, power and the job holding each.</source>
        <translation>Afișează GPU-urile NVIDIA ale stației de lucru: utilizare, memorie, temperatură, putere și sarcina care ocupă fiecare GPU.</translation>
    </message>
    <message>
        <source>profile &apos;%1&apos; is a cluster profile; labctl reads the local driver&apos;s GPUs only in this version</source>
        <translation>profilul „%1” este un profil de cluster; în această versiune labctl citește doar GPU-urile driverului local</translation>
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
  models list                      Registered models, their latest version and aliases
  models show NAME                 A model&apos;s versions with their source run and aliases
  models register RUN --name NAME  Register a run&apos;s model (runs:/RUN/model) as a new version
  models alias NAME ALIAS VERSION  Point an alias at a version (--delete to remove it)
  export RUN... -f FILE.labbundle  Write runs (histories, logs, model descriptor) to a bundle
  import FILE.labbundle            Copy a bundle&apos;s runs into the tracking store (--experiment)

Global options:
  --profile NAME         Lab profile (default: local)
  --tracking-uri URI     Tracking store: a folder, file:, http(s):// (an MLflow server; auth
                         and TLS from MLFLOW_TRACKING_TOKEN, _USERNAME/_PASSWORD, ...) or a
                         .labbundle (default: the profile&apos;s, else $MLFLOW_TRACKING_URI, else
                         the local lab&apos;s store)
  -o, --output FORMAT    table (default), json or csv
  -h, --help             This help; &apos;labctl COMMAND --help&apos; for a command&apos;s options
  --version              Print the version

RUN is a run id, a unique prefix of one, or a unique run name.
Exit status: 0 success, 1 error, 2 usage error.
</source>
        <translation>Utilizare: labctl [--profile NUME] [--tracking-uri URI] [-o table|json|csv] COMANDĂ [ARGUMENTE]

Rulările și sarcinile laboratorului dintr-un terminal. Ieșirea JSON folosește formele REST ale MLflow.

Comenzi:
  experiments list                      Listează experimentele depozitului de urmărire
  runs list                             Listează rulările (--experiment, --filter, --order-by, --max-results)
  runs show RULARE                      Afișează o rulare: informații, parametri, metrici, etichete
  runs compare RULARE RULARE...         Parametrii alăturați; ultima valoare, minimul și maximul metricilor
  metrics get RULARE CHEIE              Istoricul complet al unei metrici
  launch                                Lansează o rulare a lab-train, a unei comenzi sau a unui MLproject
  logs RULARE [--follow]                Afișează (și urmărește) ieșirea unei rulări
  cancel RULARE                         Oprește o sarcină în execuție (SIGTERM, apoi SIGKILL); rularea se încheie KILLED
  gpus                                  GPU-urile stației de lucru și sarcina care ocupă fiecare GPU
  models list                           Modelele înregistrate, ultima lor versiune și aliasurile
  models show NUME                      Versiunile unui model, cu rularea sursă și aliasurile lor
  models register RULARE --name NUME    Înregistrează modelul unei rulări (runs:/RULARE/model) ca versiune nouă
  models alias NUME ALIAS VERSIUNE      Îndreaptă un alias spre o versiune (--delete pentru a-l elimina)
  export RULARE... -f FIȘIER.labbundle  Scrie rulări (istorice, jurnale, descriptorul modelului) într-un pachet
  import FIȘIER.labbundle               Copiază rulările unui pachet în depozitul de urmărire (--experiment)

Opțiuni generale:
  --profile NUME         Profilul laboratorului (implicit: local)
  --tracking-uri URI     Depozitul de urmărire: un dosar, file:, http(s):// (un server MLflow;
                         autentificarea și TLS din MLFLOW_TRACKING_TOKEN, _USERNAME/_PASSWORD, ...)
                         sau un .labbundle (implicit: al profilului, altfel $MLFLOW_TRACKING_URI,
                         altfel depozitul laboratorului local)
  -o, --output FORMAT    table (implicit), json sau csv
  -h, --help             Acest ajutor; „labctl COMANDĂ --help” pentru opțiunile unei comenzi
  --version              Afișează versiunea

RULARE este un id de rulare, un prefix unic al acestuia sau un nume unic de rulare.
Cod de ieșire: 0 succes, 1 eroare, 2 eroare de utilizare.
</translation>
    </message>
    <message>
        <source>registered model &apos;%1&apos; not found in %2</source>
        <translation>modelul înregistrat „%1” nu a fost găsit în %2</translation>
    </message>
    <message>
        <source>Lists the registered models with their latest version and aliases.</source>
        <translation>Listează modelele înregistrate, cu ultima lor versiune și aliasurile.</translation>
    </message>
    <message>
        <source>Shows a registered model: its versions, their source run and aliases.</source>
        <translation>Afișează un model înregistrat: versiunile sale, rularea sursă a fiecăreia și aliasurile.</translation>
    </message>
    <message>
        <source>Registered model name.</source>
        <translation>Numele modelului înregistrat.</translation>
    </message>
    <message>
        <source>give exactly one model NAME</source>
        <translation>dați exact un NUME de model</translation>
    </message>
    <message>
        <source>Versions:</source>
        <translation>Versiuni:</translation>
    </message>
    <message>
        <source>Registers a run&apos;s logged model as a new version of a registered model (created when missing), from runs:/RUN/PATH as MLflow&apos;s register_model does.</source>
        <translation>Înregistrează modelul salvat de o rulare ca versiune nouă a unui model înregistrat (creat dacă lipsește), din runs:/RULARE/CALE, așa cum face register_model din MLflow.</translation>
    </message>
    <message>
        <source>The model&apos;s artifact folder in the run (default: model).</source>
        <translation>Dosarul de artefacte al modelului în rulare (implicit: model).</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>CALE</translation>
    </message>
    <message>
        <source>The new version&apos;s description.</source>
        <translation>Descrierea noii versiuni.</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <source>--name NAME is required</source>
        <translation>--name NUME este obligatoriu</translation>
    </message>
    <message>
        <source>--path must be a folder inside the run&apos;s artifacts, not &apos;%1&apos;</source>
        <translation>--path trebuie să fie un dosar din artefactele rulării, nu „%1”</translation>
    </message>
    <message>
        <source>run &apos;%1&apos; has no artifacts under &apos;%2&apos;; log a model there first, or give --path</source>
        <translation>rularea „%1” nu are artefacte sub „%2”; salvați mai întâi un model acolo sau dați --path</translation>
    </message>
    <message>
        <source>labctl: created registered model &apos;%1&apos;
</source>
        <translation>labctl: s-a creat modelul înregistrat „%1”
</translation>
    </message>
    <message>
        <source>Registered %1 version %2 from %3
</source>
        <translation>S-a înregistrat %1, versiunea %2, din %3
</translation>
    </message>
    <message>
        <source>Points an alias (e.g. champion) of a registered model at a version, or removes it with --delete.</source>
        <translation>Îndreaptă un alias (de exemplu champion) al unui model înregistrat spre o versiune sau îl elimină cu --delete.</translation>
    </message>
    <message>
        <source>Alias, e.g. champion.</source>
        <translation>Aliasul, de exemplu champion.</translation>
    </message>
    <message>
        <source>Version number (not with --delete).</source>
        <translation>Numărul versiunii (nu împreună cu --delete).</translation>
    </message>
    <message>
        <source>Remove the alias.</source>
        <translation>Elimină aliasul.</translation>
    </message>
    <message>
        <source>give a model NAME and the ALIAS to delete</source>
        <translation>dați NUMELE modelului și ALIASUL de șters</translation>
    </message>
    <message>
        <source>give a model NAME, an ALIAS and a VERSION</source>
        <translation>dați NUMELE unui model, un ALIAS și o VERSIUNE</translation>
    </message>
    <message>
        <source>VERSION must be a version number, not &apos;%1&apos;</source>
        <translation>VERSIUNE trebuie să fie un număr de versiune, nu „%1”</translation>
    </message>
    <message>
        <source>Deleted alias %1 of %2
</source>
        <translation>S-a șters aliasul %1 al modelului %2
</translation>
    </message>
    <message>
        <source>Alias %1 of %2 now points to version %3
</source>
        <translation>Aliasul %1 al modelului %2 indică acum versiunea %3
</translation>
    </message>
    <message>
        <source>Writes runs to one bundle file: info, parameters, tags, full metric histories, the output log and the model descriptor. Open it with --tracking-uri FILE or &apos;labctl import&apos;.</source>
        <translation>Scrie rulări într-un singur fișier pachet: informații, parametri, etichete, istoricele complete ale metricilor, jurnalul de ieșire și descriptorul modelului. Deschideți-l cu --tracking-uri FIȘIER sau „labctl import”.</translation>
    </message>
    <message>
        <source>Runs (id, unique id prefix or unique name).</source>
        <translation>Rulări (id, prefix unic al id-ului sau nume unic).</translation>
    </message>
    <message>
        <source>The bundle to write (.labbundle).</source>
        <translation>Pachetul de scris (.labbundle).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FIȘIER</translation>
    </message>
    <message>
        <source>give at least one RUN</source>
        <translation>dați cel puțin o RULARE</translation>
    </message>
    <message>
        <source>-f FILE.labbundle is required</source>
        <translation>-f FIȘIER.labbundle este obligatoriu</translation>
    </message>
    <message>
        <source><byte value="xd"/>Exporting run %1 of %2</source>
        <translation><byte value="xd"/>Se exportă rularea %1 din %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n run(s) to %1
</source>
        <translation>
            <numerusform>S-a exportat %n rulare în %1
</numerusform>
            <numerusform>S-au exportat %n rulări în %1
</numerusform>
            <numerusform>S-au exportat %n de rulări în %1
</numerusform>
        </translation>
    </message>
    <message>
        <source>Copies the runs of a bundle into the tracking store, as new runs with the same names, parameters, tags, metric histories, logs and model descriptor.</source>
        <translation>Copiază rulările unui pachet în depozitul de urmărire, ca rulări noi cu aceleași nume, parametri, etichete, istorice ale metricilor, jurnale și descriptor de model.</translation>
    </message>
    <message>
        <source>A .labbundle file.</source>
        <translation>Un fișier .labbundle.</translation>
    </message>
    <message>
        <source>Put the runs in this experiment (created when missing; default: the experiments named in the bundle).</source>
        <translation>Pune rulările în acest experiment (creat dacă lipsește; implicit: experimentele numite în pachet).</translation>
    </message>
    <message>
        <source>give exactly one bundle FILE</source>
        <translation>dați exact un FIȘIER pachet</translation>
    </message>
    <message>
        <source>bundle &apos;%1&apos; does not exist</source>
        <translation>pachetul „%1” nu există</translation>
    </message>
    <message>
        <source>the tracking store %1 is read only; import into a folder or a server</source>
        <translation>depozitul de urmărire %1 poate fi doar citit; importați într-un dosar sau pe un server</translation>
    </message>
    <message numerus="yes">
        <source>labctl: imported %n run(s) into %1
</source>
        <translation>
            <numerusform>labctl: s-a importat %n rulare în %1
</numerusform>
            <numerusform>labctl: s-au importat %n rulări în %1
</numerusform>
            <numerusform>labctl: s-au importat %n de rulări în %1
</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lab::LabProfile</name>
    <message>
        <source>%1: not a valid profile: %2</source>
        <translation>%1: nu este un profil valid: %2</translation>
    </message>
    <message>
        <source>Cannot read the profile %1: %2</source>
        <translation>Profilul %1 nu poate fi citit: %2</translation>
    </message>
    <message>
        <source>The profile %1 is too large to be a profile</source>
        <translation>Profilul %1 este prea mare pentru a fi un profil</translation>
    </message>
    <message>
        <source>There is no lab profile named &quot;%1&quot;.</source>
        <translation>Nu există niciun profil de laborator numit „%1”.</translation>
    </message>
    <message>
        <source>Known profiles: %1.</source>
        <translation>Profiluri cunoscute: %1.</translation>
    </message>
    <message>
        <source>Local lab</source>
        <translation>Laborator local</translation>
    </message>
</context>
<context>
    <name>lab::LaunchDialog</name>
    <message>
        <source>Hidden layer sizes</source>
        <translation>Dimensiunile straturilor ascunse</translation>
    </message>
    <message>
        <source>Comma-separated widths of the hidden layers, e.g. 64,64 (empty: no hidden layer)</source>
        <translation>Lățimile straturilor ascunse, separate prin virgule, de exemplu 64,64 (gol: niciun strat ascuns)</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Rata de învățare</translation>
    </message>
    <message>
        <source>Optimiser step size</source>
        <translation>Mărimea pasului optimizatorului</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epoci</translation>
    </message>
    <message>
        <source>Passes over the training rows</source>
        <translation>Treceri prin rândurile de antrenare</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Mărimea lotului</translation>
    </message>
    <message>
        <source>Rows per optimiser step</source>
        <translation>Rânduri pe pas al optimizatorului</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Optimizator</translation>
    </message>
    <message>
        <source>sgd or adam</source>
        <translation>sgd sau adam</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Sămânță</translation>
    </message>
    <message>
        <source>Seed for the data, the initial weights and the batch order</source>
        <translation>Sămânța pentru date, ponderile inițiale și ordinea loturilor</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>Set de date</translation>
    </message>
    <message>
        <source>Built-in interleaved spirals, or a CSV file</source>
        <translation>Spirale întrepătrunse incluse sau un fișier CSV</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Eșantioane</translation>
    </message>
    <message>
        <source>Spirals: number of points</source>
        <translation>Spirale: numărul de puncte</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>Zgomot</translation>
    </message>
    <message>
        <source>Spirals: standard deviation of the angle noise</source>
        <translation>Spirale: deviația standard a zgomotului unghiului</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Spirals: number of arms</source>
        <translation>Spirale: numărul de brațe</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>Fișier CSV</translation>
    </message>
    <message>
        <source>CSV file with a header row</source>
        <translation>Fișier CSV cu un rând de antet</translation>
    </message>
    <message>
        <source>Target column</source>
        <translation>Coloana țintă</translation>
    </message>
    <message>
        <source>Name of the label column in the CSV file</source>
        <translation>Numele coloanei de etichete din fișierul CSV</translation>
    </message>
    <message>
        <source>Validation fraction</source>
        <translation>Fracția de validare</translation>
    </message>
    <message>
        <source>Share of the rows held out for validation</source>
        <translation>Partea din rânduri păstrată pentru validare</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispozitiv</translation>
    </message>
    <message>
        <source>auto: CUDA when a GPU is present, else the CPU</source>
        <translation>auto: CUDA când există un GPU, altfel procesorul</translation>
    </message>
    <message>
        <source>Command: %1</source>
        <translation>Comandă: %1</translation>
    </message>
    <message>
        <source>Choose a file for %1</source>
        <translation>Alegeți un fișier pentru %1</translation>
    </message>
    <message>
        <source>A value is required.</source>
        <translation>Este necesară o valoare.</translation>
    </message>
    <message>
        <source>Must be greater than %1.</source>
        <translation>Trebuie să fie mai mare decât %1.</translation>
    </message>
    <message>
        <source>Must be at least %1.</source>
        <translation>Trebuie să fie cel puțin %1.</translation>
    </message>
    <message>
        <source>Must be between %1 and %2.</source>
        <translation>Trebuie să fie între %1 și %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a whole number.</source>
        <translation>„%1” nu este un număr întreg.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number.</source>
        <translation>„%1” nu este un număr.</translation>
    </message>
    <message>
        <source>Use layer widths separated by commas, such as 64,64.</source>
        <translation>Folosiți lățimi de straturi separate prin virgule, de exemplu 64,64.</translation>
    </message>
    <message>
        <source>Choose one of: %1.</source>
        <translation>Alegeți una dintre: %1.</translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>Fișierul %1 nu există.</translation>
    </message>
    <message>
        <source>Line %1: write key=value, not &quot;%2&quot;.</source>
        <translation>Linia %1: scrieți cheie=valoare, nu „%2”.</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n rulare</numerusform>
            <numerusform>%n rulări</numerusform>
            <numerusform>%n de rulări</numerusform>
        </translation>
    </message>
    <message>
        <source>Name the experiment the run belongs to.</source>
        <translation>Numiți experimentul căruia îi aparține rularea.</translation>
    </message>
    <message>
        <source>A quote in the command line is not closed.</source>
        <translation>Ghilimelele din linia de comandă nu sunt închise.</translation>
    </message>
    <message>
        <source>Enter the command to run, e.g. python train.py.</source>
        <translation>Introduceți comanda de rulat, de exemplu python train.py.</translation>
    </message>
    <message>
        <source>The working directory %1 does not exist.</source>
        <translation>Dosarul de lucru %1 nu există.</translation>
    </message>
    <message>
        <source>Give at least one parameter to sweep, as key=value1,value2.</source>
        <translation>Dați cel puțin un parametru de baleiat, sub forma cheie=valoare1,valoare2.</translation>
    </message>
    <message>
        <source>%1: a value in the list is empty.</source>
        <translation>%1: o valoare din listă este goală.</translation>
    </message>
    <message>
        <source>Choose an MLproject file.</source>
        <translation>Alegeți un fișier MLproject.</translation>
    </message>
    <message>
        <source>A value in the sweep list is empty.</source>
        <translation>O valoare din lista de baleiaj este goală.</translation>
    </message>
    <message>
        <source>Sweep value %1: %2</source>
        <translation>Valoarea de baleiaj %1: %2</translation>
    </message>
    <message>
        <source>Give the values to sweep for at least one parameter, separated by commas.</source>
        <translation>Dați valorile de baleiat pentru cel puțin un parametru, separate prin virgule.</translation>
    </message>
    <message>
        <source>Open an MLproject file</source>
        <translation>Deschideți un fișier MLproject</translation>
    </message>
    <message>
        <source>MLproject files (MLproject MLproject.yaml);;All files (*)</source>
        <translation>Fișiere MLproject (MLproject MLproject.yaml);;Toate fișierele (*)</translation>
    </message>
    <message>
        <source>Choose a CSV file</source>
        <translation>Alegeți un fișier CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fișiere CSV (*.csv);;Toate fișierele (*)</translation>
    </message>
    <message>
        <source>Launch a run</source>
        <translation>Lansează o rulare</translation>
    </message>
    <message>
        <source>&amp;Program:</source>
        <translation>&amp;Program:</translation>
    </message>
    <message>
        <source>Bundled trainer (lab-train)</source>
        <translation>Antrenorul inclus (lab-train)</translation>
    </message>
    <message>
        <source>Any local command</source>
        <translation>Orice comandă locală</translation>
    </message>
    <message>
        <source>MLproject entry point</source>
        <translation>Punct de intrare MLproject</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valoare</translation>
    </message>
    <message>
        <source>Sweep values</source>
        <translation>Valori de baleiaj</translation>
    </message>
    <message>
        <source>%1 (%2, required)</source>
        <translation>%1 (%2, obligatoriu)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Răsfoiește…</translation>
    </message>
    <message>
        <source>e.g. 32;64,64</source>
        <translation>de ex. 32;64,64</translation>
    </message>
    <message>
        <source>e.g. %1, …</source>
        <translation>de ex. %1, …</translation>
    </message>
    <message>
        <source>&amp;Command line:</source>
        <translation>Linia de &amp;comandă:</translation>
    </message>
    <message>
        <source>python train.py --data data.csv</source>
        <translation>python train.py --data data.csv</translation>
    </message>
    <message>
        <source>&amp;Working directory (optional):</source>
        <translation>&amp;Dosarul de lucru (opțional):</translation>
    </message>
    <message>
        <source>P&amp;arameters, one key=value per line (passed as --key=value):</source>
        <translation>P&amp;arametri, câte un cheie=valoare pe linie (transmiși ca --cheie=valoare):</translation>
    </message>
    <message>
        <source>learning_rate=0.01
epochs=10</source>
        <translation>learning_rate=0.01
epochs=10</translation>
    </message>
    <message>
        <source>S&amp;weep, one key=value1,value2,… per line:</source>
        <translation>&amp;Baleiaj, câte un cheie=valoare1,valoare2,… pe linie:</translation>
    </message>
    <message>
        <source>learning_rate=0.1,0.01,0.001</source>
        <translation>learning_rate=0.1,0.01,0.001</translation>
    </message>
    <message>
        <source>MLproject &amp;file:</source>
        <translation>&amp;Fișierul MLproject:</translation>
    </message>
    <message>
        <source>&amp;Entry point:</source>
        <translation>Punctul de &amp;intrare:</translation>
    </message>
    <message>
        <source>E&amp;xperiment:</source>
        <translation>E&amp;xperiment:</translation>
    </message>
    <message>
        <source>Run &amp;name:</source>
        <translation>&amp;Numele rulării:</translation>
    </message>
    <message>
        <source>chosen automatically</source>
        <translation>ales automat</translation>
    </message>
    <message>
        <source>&amp;GPUs:</source>
        <translation>&amp;GPU-uri:</translation>
    </message>
    <message>
        <source>GPUs the run gets for itself; it waits in the queue until they are free</source>
        <translation>GPU-urile pe care rularea le primește doar pentru ea; așteaptă în coadă până se eliberează</translation>
    </message>
    <message>
        <source>No GPU was found on this machine</source>
        <translation>Nu s-a găsit niciun GPU pe acest calculator</translation>
    </message>
    <message>
        <source>&amp;Sweep: one run per combination of the values below</source>
        <translation>&amp;Baleiaj: câte o rulare pentru fiecare combinație a valorilor de mai jos</translation>
    </message>
    <message>
        <source>&amp;Launch</source>
        <translation>&amp;Lansează</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anulează</translation>
    </message>
    <message>
        <source>%1 declares no entry points.</source>
        <translation>%1 nu declară niciun punct de intrare.</translation>
    </message>
</context>
<context>
    <name>lab::LocalRunner</name>
    <message>
        <source>No tracking store is configured.</source>
        <translation>Nu este configurat niciun depozit de urmărire.</translation>
    </message>
    <message>
        <source>Nothing to run: the job has no command.</source>
        <translation>Nimic de rulat: sarcina nu are nicio comandă.</translation>
    </message>
    <message>
        <source>The working directory &apos;%1&apos; does not exist.</source>
        <translation>Dosarul de lucru „%1” nu există.</translation>
    </message>
    <message>
        <source>The program &apos;%1&apos; is not an executable file.</source>
        <translation>Programul „%1” nu este un fișier executabil.</translation>
    </message>
    <message>
        <source>The program &apos;%1&apos; was not found.</source>
        <translation>Programul „%1” nu a fost găsit.</translation>
    </message>
    <message>
        <source>Cannot write to the store at %1: %2.</source>
        <translation>Nu se poate scrie în depozitul din %1: %2.</translation>
    </message>
    <message>
        <source>Choose a store folder you can write to, or fix its permissions.</source>
        <translation>Alegeți un dosar de depozit în care puteți scrie sau corectați-i permisiunile.</translation>
    </message>
    <message>
        <source>The runner has been shut down.</source>
        <translation>Executorul a fost oprit.</translation>
    </message>
    <message>
        <source>The GPU count cannot be negative.</source>
        <translation>Numărul de GPU-uri nu poate fi negativ.</translation>
    </message>
    <message numerus="yes">
        <source>The job needs %n GPU(s), but this workstation has %1.</source>
        <translation>
            <numerusform>Sarcina are nevoie de %n GPU, dar această stație de lucru are %1.</numerusform>
            <numerusform>Sarcina are nevoie de %n GPU-uri, dar această stație de lucru are %1.</numerusform>
            <numerusform>Sarcina are nevoie de %n de GPU-uri, dar această stație de lucru are %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The sweep has no combinations: every parameter needs at least one value.</source>
        <translation>Baleiajul nu are combinații: fiecare parametru are nevoie de cel puțin o valoare.</translation>
    </message>
    <message numerus="yes">
        <source>Each run of the sweep needs %n GPU(s), but this workstation has %1.</source>
        <translation>
            <numerusform>Fiecare rulare a baleiajului are nevoie de %n GPU, dar această stație de lucru are %1.</numerusform>
            <numerusform>Fiecare rulare a baleiajului are nevoie de %n GPU-uri, dar această stație de lucru are %1.</numerusform>
            <numerusform>Fiecare rulare a baleiajului are nevoie de %n de GPU-uri, dar această stație de lucru are %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The job could not start: %1</source>
        <translation>Sarcina nu a putut porni: %1</translation>
    </message>
    <message>
        <source>cannot create the log folder %1</source>
        <translation>dosarul de jurnal %1 nu poate fi creat</translation>
    </message>
    <message>
        <source>cannot write the log file %1: %2</source>
        <translation>fișierul de jurnal %1 nu poate fi scris: %2</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>anulată</translation>
    </message>
    <message>
        <source>exit status unknown</source>
        <translation>cod de ieșire necunoscut</translation>
    </message>
    <message>
        <source>ended without an exit status (killed?)</source>
        <translation>s-a încheiat fără cod de ieșire (oprită forțat?)</translation>
    </message>
    <message>
        <source>crashed (signal %1, %2)</source>
        <translation>s-a prăbușit (semnalul %1, %2)</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>s-a încheiat cu codul %1</translation>
    </message>
    <message>
        <source>No job or run &apos;%1&apos; is known to this console.</source>
        <translation>Această consolă nu cunoaște nicio sarcină sau rulare „%1”.</translation>
    </message>
    <message>
        <source>cancelled before it started</source>
        <translation>anulată înainte de pornire</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>se oprește</translation>
    </message>
    <message>
        <source>The job &apos;%1&apos; has already ended.</source>
        <translation>Sarcina „%1” s-a încheiat deja.</translation>
    </message>
    <message>
        <source>the console closed before it started</source>
        <translation>consola s-a închis înainte ca ea să pornească</translation>
    </message>
    <message>
        <source>exited with code %1 while the console was closed</source>
        <translation>s-a încheiat cu codul %1 cât timp consola era închisă</translation>
    </message>
    <message>
        <source>the process ended while the console was closed</source>
        <translation>procesul s-a încheiat cât timp consola era închisă</translation>
    </message>
</context>
<context>
    <name>lab::LogView</name>
    <message>
        <source>Follow</source>
        <translation>Urmărește</translation>
    </message>
    <message>
        <source>Keep the newest lines in view as they arrive</source>
        <translation>Păstrează la vedere cele mai noi linii, pe măsură ce sosesc</translation>
    </message>
    <message>
        <source>Select a run to see its output.</source>
        <translation>Selectați o rulare pentru a-i vedea ieșirea.</translation>
    </message>
    <message>
        <source>Waiting for output…</source>
        <translation>Se așteaptă ieșirea…</translation>
    </message>
    <message>
        <source>This run has no log yet (%1).</source>
        <translation>Această rulare nu are încă jurnal (%1).</translation>
    </message>
    <message>
        <source>%1 (earlier output not shown)</source>
        <translation>%1 (ieșirea anterioară nu este afișată)</translation>
    </message>
    <message>
        <source>Reading the log from %1…</source>
        <translation>Se citește jurnalul de la %1…</translation>
    </message>
    <message>
        <source>This run has no log (%1).</source>
        <translation>Această rulare nu are jurnal (%1).</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 din %2</translation>
    </message>
    <message>
        <source>%1 (offline: the copy fetched earlier)</source>
        <translation>%1 (offline: copia preluată anterior)</translation>
    </message>
</context>
<context>
    <name>lab::MainWindow</name>
    <message>
        <source>About Lab Console</source>
        <translation>Despre Lab Console</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lab Console&lt;/b&gt; %1&lt;br&gt;Launch, watch and compare training runs on the GPU lab.&lt;br&gt;Runs are kept in an MLflow store: %2</source>
        <translation>&lt;b&gt;Lab Console&lt;/b&gt; %1&lt;br&gt;Lansați, urmăriți și comparați rulări de antrenare în laboratorul GPU.&lt;br&gt;Rulările sunt păstrate într-un depozit MLflow: %2</translation>
    </message>
    <message>
        <source>Lab Console — %1</source>
        <translation>Lab Console — %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fișier</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Rulare</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Vizualizare</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Limbă</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;jutor</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Bara de instrumente principală</translation>
    </message>
    <message>
        <source>&amp;Launch…</source>
        <translation>&amp;Lansează…</translation>
    </message>
    <message>
        <source>Launch a training run or a sweep on this lab (%1)</source>
        <translation>Lansează o rulare de antrenare sau un baleiaj în acest laborator (%1)</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Compară</translation>
    </message>
    <message>
        <source>Compare the selected runs side by side</source>
        <translation>Compară rulările selectate una lângă alta</translation>
    </message>
    <message>
        <source>C&amp;ancel run</source>
        <translation>&amp;Anulează rularea</translation>
    </message>
    <message>
        <source>Stop the selected running or queued runs</source>
        <translation>Oprește rulările selectate aflate în execuție sau în coadă</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Re&amp;împrospătează</translation>
    </message>
    <message>
        <source>Read the experiments and runs again</source>
        <translation>Citește din nou experimentele și rulările</translation>
    </message>
    <message>
        <source>Copy run &amp;ID</source>
        <translation>Copiază &amp;ID-ul rulării</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Ieșire</translation>
    </message>
    <message>
        <source>&amp;About Lab Console</source>
        <translation>&amp;Despre Lab Console</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <source>The lab this console works on</source>
        <translation>Laboratorul în care lucrează această consolă</translation>
    </message>
    <message>
        <source>&amp;Experiments</source>
        <translation>&amp;Experimente</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filtru:</translation>
    </message>
    <message>
        <source>metrics.val_accuracy &gt; 0.9 and params.learning_rate = &apos;0.01&apos; and attributes.status = &apos;FINISHED&apos;</source>
        <translation>metrics.val_accuracy &gt; 0.9 and params.learning_rate = &apos;0.01&apos; and attributes.status = &apos;FINISHED&apos;</translation>
    </message>
    <message>
        <source>MLflow search syntax: comparisons of metrics., params., tags. and attributes. joined by AND</source>
        <translation>Sintaxa de căutare MLflow: comparații pe metrics., params., tags. și attributes. unite prin AND</translation>
    </message>
    <message>
        <source>C&amp;hart</source>
        <translation>Gra&amp;fic</translation>
    </message>
    <message>
        <source>L&amp;ogs</source>
        <translation>&amp;Jurnale</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Detalii</translation>
    </message>
    <message>
        <source>Co&amp;mpare</source>
        <translation>Co&amp;mparare</translation>
    </message>
    <message>
        <source>&amp;GPUs</source>
        <translation>&amp;GPU-uri</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>Depozit: %1</translation>
    </message>
    <message>
        <source>No experiments yet. Launch a run to start one.</source>
        <translation>Încă nu există experimente. Lansați o rulare pentru a începe unul.</translation>
    </message>
    <message>
        <source>No runs in this experiment yet. Click Launch to start one.</source>
        <translation>Încă nu există rulări în acest experiment. Apăsați Lansează pentru a porni una.</translation>
    </message>
    <message>
        <source>Cannot read the store: %1</source>
        <translation>Depozitul nu poate fi citit: %1</translation>
    </message>
    <message>
        <source>Jobs: %1 running, %2 queued</source>
        <translation>Sarcini: %1 în execuție, %2 în coadă</translation>
    </message>
    <message>
        <source>Launch failed: %1</source>
        <translation>Lansarea a eșuat: %1</translation>
    </message>
    <message>
        <source>Launch failed</source>
        <translation>Lansarea a eșuat</translation>
    </message>
    <message numerus="yes">
        <source>Launched %n run(s) in %1</source>
        <translation>
            <numerusform>S-a lansat %n rulare în %1</numerusform>
            <numerusform>S-au lansat %n rulări în %1</numerusform>
            <numerusform>S-au lansat %n de rulări în %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Select two or more runs to compare (Ctrl+click or Shift+click).</source>
        <translation>Selectați două sau mai multe rulări pentru comparare (Ctrl+clic sau Shift+clic).</translation>
    </message>
    <message>
        <source>Cancel runs</source>
        <translation>Anulare rulări</translation>
    </message>
    <message numerus="yes">
        <source>Stop %n run(s)? %1</source>
        <translation>
            <numerusform>Opriți %n rulare? %1</numerusform>
            <numerusform>Opriți %n rulări? %1</numerusform>
            <numerusform>Opriți %n de rulări? %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel failed: %1</source>
        <translation>Anularea a eșuat: %1</translation>
    </message>
    <message>
        <source>The profile %1 works on a Kubernetes cluster, which this version of Lab Console cannot reach yet. Staying on %2.</source>
        <translation>Profilul %1 lucrează pe un cluster Kubernetes, pe care această versiune a Lab Console nu îl poate accesa încă. Rămâne profilul %2.</translation>
    </message>
    <message>
        <source>Restart Lab Console to switch to the profile %1.</source>
        <translation>Reporniți Lab Console pentru a trece la profilul %1.</translation>
    </message>
    <message>
        <source>Show &amp;logs</source>
        <translation>Afișează &amp;jurnalul</translation>
    </message>
    <message>
        <source>Show &amp;details</source>
        <translation>Afișează &amp;detaliile</translation>
    </message>
    <message>
        <source>&amp;Open bundle…</source>
        <translation>&amp;Deschide un pachet…</translation>
    </message>
    <message>
        <source>Open runs exported to a bundle file (*.labbundle) as an extra source</source>
        <translation>Deschide rulările exportate într-un fișier pachet (*.labbundle) ca sursă suplimentară</translation>
    </message>
    <message>
        <source>&amp;Export bundle…</source>
        <translation>&amp;Exportă un pachet…</translation>
    </message>
    <message>
        <source>Write the selected runs (parameters, tags, metric histories, logs, model) to one file</source>
        <translation>Scrie rulările selectate (parametri, etichete, istorice ale metricilor, jurnale, model) într-un singur fișier</translation>
    </message>
    <message>
        <source>&amp;Keep in comparison</source>
        <translation>&amp;Păstrează în comparație</translation>
    </message>
    <message>
        <source>Keep the selected runs in the Compare tab while you pick runs of another experiment or source</source>
        <translation>Păstrează rulările selectate în fila Comparare cât timp alegeți rulări din alt experiment sau din altă sursă</translation>
    </message>
    <message>
        <source>C&amp;lear comparison</source>
        <translation>&amp;Golește comparația</translation>
    </message>
    <message>
        <source>Connect to &amp;tracking server…</source>
        <translation>Conectare la un server de &amp;tracking…</translation>
    </message>
    <message>
        <source>Open the runs of an MLflow tracking server</source>
        <translation>Deschide rulările unui server de tracking MLflow</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>&amp;Sursă:</translation>
    </message>
    <message>
        <source>Tracking store</source>
        <translation>Depozit de urmărire</translation>
    </message>
    <message>
        <source>Bundle: %1</source>
        <translation>Pachet: %1</translation>
    </message>
    <message>
        <source>Open bundle</source>
        <translation>Deschideți un pachet</translation>
    </message>
    <message>
        <source>Run bundles (*.labbundle);;All files (*)</source>
        <translation>Pachete de rulări (*.labbundle);;Toate fișierele (*)</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Se deschide %1…</translation>
    </message>
    <message>
        <source>Cannot open the bundle %1: %2</source>
        <translation>Pachetul %1 nu poate fi deschis: %2</translation>
    </message>
    <message>
        <source>Opened %1 (read-only).</source>
        <translation>S-a deschis %1 (doar citire).</translation>
    </message>
    <message>
        <source>Export bundle</source>
        <translation>Exportați un pachet</translation>
    </message>
    <message>
        <source>Run bundles (*.labbundle)</source>
        <translation>Pachete de rulări (*.labbundle)</translation>
    </message>
    <message>
        <source>Select the runs to export first.</source>
        <translation>Selectați mai întâi rulările de exportat.</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n run(s) to %1…</source>
        <translation>
            <numerusform>Se exportă %n rulare în %1…</numerusform>
            <numerusform>Se exportă %n rulări în %1…</numerusform>
            <numerusform>Se exportă %n de rulări în %1…</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting to %1: run %2 of %3…</source>
        <translation>Export în %1: rularea %2 din %3…</translation>
    </message>
    <message>
        <source>Export to %1 failed: %2</source>
        <translation>Exportul în %1 a eșuat: %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n run(s) to %1.</source>
        <translation>
            <numerusform>S-a exportat %n rulare în %1.</numerusform>
            <numerusform>S-au exportat %n rulări în %1.</numerusform>
            <numerusform>S-au exportat %n de rulări în %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) kept in the comparison.</source>
        <translation>
            <numerusform>%n rulare păstrată în comparație.</numerusform>
            <numerusform>%n rulări păstrate în comparație.</numerusform>
            <numerusform>%n de rulări păstrate în comparație.</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline: showing what was last fetched from %1.</source>
        <translation>Offline: se afișează ce s-a preluat ultima dată de la %1.</translation>
    </message>
    <message>
        <source>Changes on the server show up when it answers again.</source>
        <translation>Modificările de pe server vor apărea când acesta răspunde din nou.</translation>
    </message>
    <message>
        <source>Mode&amp;ls</source>
        <translation>M&amp;odele</translation>
    </message>
    <message>
        <source>Register &amp;model…</source>
        <translation>Înregistrează &amp;modelul…</translation>
    </message>
    <message>
        <source>Register the model logged by the selected run in the model registry</source>
        <translation>Înregistrează în registrul de modele modelul salvat de rularea selectată</translation>
    </message>
    <message>
        <source>Set &amp;alias…</source>
        <translation>Setează a&amp;lias…</translation>
    </message>
    <message>
        <source>Point an alias (e.g. champion) at the registered version of this run</source>
        <translation>Îndreaptă un alias (de exemplu champion) spre versiunea înregistrată a acestei rulări</translation>
    </message>
    <message>
        <source>Register model failed: %1</source>
        <translation>Înregistrarea modelului a eșuat: %1</translation>
    </message>
    <message>
        <source>Registered %1 version %2.</source>
        <translation>S-a înregistrat %1, versiunea %2.</translation>
    </message>
    <message>
        <source>Set alias failed: %1</source>
        <translation>Setarea aliasului a eșuat: %1</translation>
    </message>
    <message>
        <source>This run has no registered model version yet: use Register model first.</source>
        <translation>Această rulare nu are încă o versiune de model înregistrată: folosiți mai întâi Înregistrează modelul.</translation>
    </message>
</context>
<context>
    <name>lab::MetricChart</name>
    <message>
        <source>%1 (not logged)</source>
        <translation>%1 (neînregistrată)</translation>
    </message>
    <message>
        <source>This metric</source>
        <translation>Această metrică</translation>
    </message>
    <message>
        <source>%1 is not logged by this run.</source>
        <translation>%1 nu este înregistrată de această rulare.</translation>
    </message>
    <message>
        <source>%1 is not logged by the selected runs.</source>
        <translation>%1 nu este înregistrată de rulările selectate.</translation>
    </message>
    <message>
        <source>All runs are hidden. Click a legend entry to show it.</source>
        <translation>Toate rulările sunt ascunse. Faceți clic pe o intrare din legendă pentru a o afișa.</translation>
    </message>
    <message>
        <source>No data yet</source>
        <translation>Încă nu există date</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>Ora reală</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Pas</translation>
    </message>
    <message>
        <source>Relative time (s)</source>
        <translation>Timp relativ (s)</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valoare</translation>
    </message>
    <message>
        <source>%1 (smoothed %2)</source>
        <translation>%1 (netezit %2)</translation>
    </message>
    <message>
        <source>%1
Step %2
Value %3
%4</source>
        <translation>%1
Pasul %2
Valoarea %3
%4</translation>
    </message>
</context>
<context>
    <name>lab::MetricHistoryParser</name>
    <message>
        <source>a point of metric &apos;%1&apos; is in the history of &apos;%2&apos;</source>
        <translation>un punct al metricii „%1” se află în istoricul lui „%2”</translation>
    </message>
    <message>
        <source>a metric key is not a valid string</source>
        <translation>o cheie de metrică nu este un șir de caractere valid</translation>
    </message>
    <message>
        <source>the response mixes metrics &apos;%1&apos; and &apos;%2&apos;</source>
        <translation>răspunsul amestecă metricile „%1” și „%2”</translation>
    </message>
    <message>
        <source>a metric has no run_id</source>
        <translation>o metrică nu are run_id</translation>
    </message>
    <message>
        <source>a run_id is not a valid string</source>
        <translation>un run_id nu este un șir de caractere valid</translation>
    </message>
</context>
<context>
    <name>lab::MlProject</name>
    <message>
        <source>Cannot read the MLproject file %1: %2</source>
        <translation>Fișierul MLproject %1 nu poate fi citit: %2</translation>
    </message>
    <message>
        <source>%1 is too large to be an MLproject file</source>
        <translation>%1 este prea mare pentru a fi un fișier MLproject</translation>
    </message>
    <message>
        <source>an MLproject file must be a mapping (name, entry_points, ...)</source>
        <translation>un fișier MLproject trebuie să fie o corespondență (name, entry_points, ...)</translation>
    </message>
    <message>
        <source>&quot;name&quot; must be a single value</source>
        <translation>„name” trebuie să fie o singură valoare</translation>
    </message>
    <message>
        <source>&quot;entry_points&quot; must be a mapping of names to entry points</source>
        <translation>„entry_points” trebuie să fie o corespondență de la nume la puncte de intrare</translation>
    </message>
    <message>
        <source>%1: not a valid MLproject file: %2</source>
        <translation>%1: nu este un fișier MLproject valid: %2</translation>
    </message>
    <message>
        <source>The project %1 has no entry point &quot;%2&quot;.</source>
        <translation>Proiectul %1 nu are punctul de intrare „%2”.</translation>
    </message>
    <message>
        <source>It declares no entry points; name a .py or .sh file of the project instead.</source>
        <translation>Nu declară niciun punct de intrare; numiți în schimb un fișier .py sau .sh al proiectului.</translation>
    </message>
    <message>
        <source>Its entry points: %1.</source>
        <translation>Punctele sale de intrare: %1.</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot; must be a number, not &quot;%2&quot;</source>
        <translation>parametrul „%1” trebuie să fie un număr, nu „%2”</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot; must be a whole number, not &quot;%2&quot;</source>
        <translation>parametrul „%1” trebuie să fie un număr întreg, nu „%2”</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot; needs a %2, not an empty value</source>
        <translation>parametrul „%1” are nevoie de o valoare de tip %2, nu de o valoare goală</translation>
    </message>
    <message>
        <source>No value given for the parameters without default of entry point &quot;%1&quot;: %2</source>
        <translation>Nu s-a dat nicio valoare pentru parametrii fără valoare implicită ai punctului de intrare „%1”: %2</translation>
    </message>
</context>
<context>
    <name>lab::MlflowConnection</name>
    <message>
        <source>%1 is not an http:// or https:// address of an MLflow tracking server</source>
        <translation>%1 nu este o adresă http:// sau https:// a unui server de tracking MLflow</translation>
    </message>
    <message>
        <source>Give the server as http(s)://host[:port][/prefix], as MLFLOW_TRACKING_URI takes it.</source>
        <translation>Scrieți serverul ca http(s)://gazdă[:port][/prefix], așa cum îl acceptă MLFLOW_TRACKING_URI.</translation>
    </message>
    <message>
        <source>Both a token and a user name are set for the tracking server; the token is used.</source>
        <translation>Pentru serverul de tracking sunt setate atât un token, cât și un nume de utilizator; se folosește tokenul.</translation>
    </message>
    <message>
        <source>Only one of MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD is set; no credentials are sent.</source>
        <translation>Doar una dintre MLFLOW_TRACKING_USERNAME și MLFLOW_TRACKING_PASSWORD este setată; nu se trimit date de autentificare.</translation>
    </message>
    <message>
        <source>MLFLOW_TRACKING_INSECURE_TLS=%1 is not true or false; certificates are checked.</source>
        <translation>MLFLOW_TRACKING_INSECURE_TLS=%1 nu este true sau false; certificatele sunt verificate.</translation>
    </message>
    <message>
        <source>MLFLOW_TRACKING_INSECURE_TLS and MLFLOW_TRACKING_SERVER_CERT_PATH are both set: certificates cannot be both skipped and checked against a CA</source>
        <translation>MLFLOW_TRACKING_INSECURE_TLS și MLFLOW_TRACKING_SERVER_CERT_PATH sunt setate amândouă: certificatele nu pot fi în același timp omise și verificate cu un CA</translation>
    </message>
    <message>
        <source>Unset one of them (keep the CA file to check the server&apos;s certificate).</source>
        <translation>Eliminați una dintre ele (păstrați fișierul CA pentru a verifica certificatul serverului).</translation>
    </message>
    <message>
        <source>%1 names %2, which cannot be read</source>
        <translation>%1 indică %2, care nu poate fi citit</translation>
    </message>
    <message>
        <source>Point it at a PEM file, or unset it.</source>
        <translation>Îndreptați-o spre un fișier PEM sau eliminați-o.</translation>
    </message>
    <message>
        <source>TLS settings are ignored for %1, which is plain http</source>
        <translation>Setările TLS sunt ignorate pentru %1, care folosește http simplu</translation>
    </message>
</context>
<context>
    <name>lab::MlflowFileStore</name>
    <message>
        <source>The tracking store %1 is a file, not a folder</source>
        <translation>Depozitul de urmărire %1 este un fișier, nu un dosar</translation>
    </message>
    <message>
        <source>cannot write to %1: it is a file, not a folder</source>
        <translation>nu se poate scrie în %1: este un fișier, nu un dosar</translation>
    </message>
    <message>
        <source>meta.yaml is missing in experiment folder %1</source>
        <translation>meta.yaml lipsește din dosarul experimentului %1</translation>
    </message>
    <message>
        <source>meta.yaml of experiment %1 is unreadable (%2)</source>
        <translation>meta.yaml al experimentului %1 nu poate fi citit (%2)</translation>
    </message>
    <message>
        <source>meta.yaml of experiment %1 records the id &quot;%2&quot;</source>
        <translation>meta.yaml al experimentului %1 înregistrează id-ul „%2”</translation>
    </message>
    <message>
        <source>meta.yaml of experiment %1 has a creation_time that is not a number</source>
        <translation>meta.yaml al experimentului %1 are un creation_time care nu este un număr</translation>
    </message>
    <message>
        <source>meta.yaml of experiment %1 has a last_update_time that is not a number</source>
        <translation>meta.yaml al experimentului %1 are un last_update_time care nu este un număr</translation>
    </message>
    <message>
        <source>The tracking store %1 does not exist</source>
        <translation>Depozitul de urmărire %1 nu există</translation>
    </message>
    <message>
        <source>Experiment &quot;%1&quot; does not exist in %2</source>
        <translation>Experimentul „%1” nu există în %2</translation>
    </message>
    <message>
        <source>An experiment needs a name</source>
        <translation>Un experiment are nevoie de un nume</translation>
    </message>
    <message>
        <source>Experiment &quot;%1&quot; already exists in deleted state; restore it or remove it from the .trash folder to use the name again</source>
        <translation>Experimentul „%1” există deja în starea ștearsă; restaurați-l sau eliminați-l din dosarul .trash pentru a folosi din nou numele</translation>
    </message>
    <message>
        <source>Experiment &quot;%1&quot; already exists</source>
        <translation>Experimentul „%1” există deja</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>etichetă</translation>
    </message>
    <message>
        <source>Experiment %1 is deleted; restore it before setting tags</source>
        <translation>Experimentul %1 este șters; restaurați-l înainte de a seta etichete</translation>
    </message>
    <message>
        <source>The Default experiment (0) cannot be deleted</source>
        <translation>Experimentul Default (0) nu poate fi șters</translation>
    </message>
    <message>
        <source>Experiment &quot;%1&quot; does not exist</source>
        <translation>Experimentul „%1” nu există</translation>
    </message>
    <message>
        <source>the experiment folder could not be moved to the trash</source>
        <translation>dosarul experimentului nu a putut fi mutat la coșul de gunoi</translation>
    </message>
    <message>
        <source>There is no deleted experiment &quot;%1&quot;</source>
        <translation>Nu există niciun experiment șters „%1”</translation>
    </message>
    <message>
        <source>Cannot restore experiment %1: an experiment with the same id exists</source>
        <translation>Experimentul %1 nu poate fi restaurat: există un experiment cu același id</translation>
    </message>
    <message>
        <source>the experiment folder could not be moved back from the trash</source>
        <translation>dosarul experimentului nu a putut fi mutat înapoi de la coșul de gunoi</translation>
    </message>
    <message>
        <source>Invalid run id &quot;%1&quot;</source>
        <translation>Id de rulare nevalid „%1”</translation>
    </message>
    <message>
        <source>Run &quot;%1&quot; not found in %2</source>
        <translation>Rularea „%1” nu a fost găsită în %2</translation>
    </message>
    <message>
        <source>metrics in run %1 is a file, not a folder</source>
        <translation>metrics din rularea %1 este un fișier, nu un dosar</translation>
    </message>
    <message>
        <source>run %1 has no metrics, params, tags or artifacts folder</source>
        <translation>rularea %1 nu are dosarul metrics, params, tags sau artifacts</translation>
    </message>
    <message>
        <source>maxResults must be between 1 and 50000, not %1</source>
        <translation>maxResults trebuie să fie între 1 și 50000, nu %1</translation>
    </message>
    <message>
        <source>Run %1 cannot be changed: %2</source>
        <translation>Rularea %1 nu poate fi modificată: %2</translation>
    </message>
    <message>
        <source>Run %1 is deleted; restore it before changing it</source>
        <translation>Rularea %1 este ștearsă; restaurați-o înainte de a o modifica</translation>
    </message>
    <message>
        <source>Cannot create a run in deleted experiment %1</source>
        <translation>Nu se poate crea o rulare în experimentul șters %1</translation>
    </message>
    <message>
        <source>The run name &quot;%1&quot; and the mlflow.runName tag &quot;%2&quot; differ</source>
        <translation>Numele rulării „%1” și eticheta mlflow.runName „%2” diferă</translation>
    </message>
    <message>
        <source>Run %1 has no tag &quot;%2&quot;</source>
        <translation>Rularea %1 nu are eticheta „%2”</translation>
    </message>
    <message>
        <source>the tag file could not be removed</source>
        <translation>fișierul etichetei nu a putut fi eliminat</translation>
    </message>
    <message>
        <source>metric</source>
        <translation>metrică</translation>
    </message>
    <message>
        <source>param</source>
        <translation>parametru</translation>
    </message>
    <message>
        <source>Changing param values is not allowed: param &quot;%1&quot; of run %2 was already logged with value &quot;%3&quot;; attempted &quot;%4&quot;</source>
        <translation>Modificarea valorilor parametrilor nu este permisă: parametrul „%1” al rulării %2 a fost deja înregistrat cu valoarea „%3”; s-a încercat „%4”</translation>
    </message>
    <message>
        <source>metrics/%1 of run %2 cannot be read: %3</source>
        <translation>metrics/%1 al rulării %2 nu poate fi citit: %3</translation>
    </message>
    <message>
        <source>Invalid artifact path &quot;%1&quot;</source>
        <translation>Cale de artefact nevalidă „%1”</translation>
    </message>
    <message>
        <source>Run %1 has no artifact &quot;%2&quot;</source>
        <translation>Rularea %1 nu are artefactul „%2”</translation>
    </message>
    <message>
        <source>The artifact %1 cannot be read: %2</source>
        <translation>Artefactul %1 nu poate fi citit: %2</translation>
    </message>
    <message>
        <source>A registered model named &quot;%1&quot; already exists</source>
        <translation>Există deja un model înregistrat numit „%1”</translation>
    </message>
    <message>
        <source>the folder could not be created</source>
        <translation>dosarul nu a putut fi creat</translation>
    </message>
    <message>
        <source>A model version needs a source (for example runs:/&lt;run id&gt;/model).</source>
        <translation>O versiune de model are nevoie de o sursă (de exemplu runs:/&lt;id rulare&gt;/model).</translation>
    </message>
    <message>
        <source>Could not create a new version of &quot;%1&quot;: other writers kept taking the next number. Try again.</source>
        <translation>Nu s-a putut crea o versiune nouă a modelului „%1”: alte procese care scriu au tot ocupat numărul următor. Încercați din nou.</translation>
    </message>
    <message>
        <source>the file could not be removed</source>
        <translation>fișierul nu a putut fi eliminat</translation>
    </message>
    <message>
        <source>Registered model &quot;%1&quot; has no alias &quot;%2&quot;</source>
        <translation>Modelul înregistrat „%1” nu are aliasul „%2”</translation>
    </message>
</context>
<context>
    <name>lab::MlflowJson</name>
    <message>
        <source>The JSON is nested more than %1 levels deep.</source>
        <translation>JSON-ul este imbricat pe mai mult de %1 niveluri.</translation>
    </message>
    <message>
        <source>The JSON could not be parsed.</source>
        <translation>JSON-ul nu a putut fi analizat.</translation>
    </message>
    <message>
        <source>The JSON is too large to parse.</source>
        <translation>JSON-ul este prea mare pentru a fi analizat.</translation>
    </message>
    <message>
        <source>a number was expected</source>
        <translation>se aștepta un număr</translation>
    </message>
    <message>
        <source>an integer was expected</source>
        <translation>se aștepta un număr întreg</translation>
    </message>
    <message>
        <source>a metric is not an object</source>
        <translation>o metrică nu este un obiect</translation>
    </message>
    <message>
        <source>metric &apos;%1&apos; has no value</source>
        <translation>metrica „%1” nu are valoare</translation>
    </message>
    <message>
        <source>the value of metric &apos;%1&apos; is not a number</source>
        <translation>valoarea metricii „%1” nu este un număr</translation>
    </message>
    <message>
        <source>the run info is not an object</source>
        <translation>informațiile rulării nu sunt un obiect</translation>
    </message>
    <message>
        <source>the run has no run_id</source>
        <translation>rularea nu are run_id</translation>
    </message>
    <message>
        <source>run status &apos;%1&apos; is unknown</source>
        <translation>starea de rulare „%1” este necunoscută</translation>
    </message>
    <message>
        <source>a run is not an object</source>
        <translation>o rulare nu este un obiect</translation>
    </message>
    <message>
        <source>the run has no &apos;info&apos; object</source>
        <translation>rularea nu are obiectul „info”</translation>
    </message>
    <message>
        <source>the run&apos;s &apos;data&apos; is not an object</source>
        <translation>„data” al rulării nu este un obiect</translation>
    </message>
    <message>
        <source>field &apos;metrics&apos; is not a list</source>
        <translation>câmpul „metrics” nu este o listă</translation>
    </message>
    <message>
        <source>an experiment is not an object</source>
        <translation>un experiment nu este un obiect</translation>
    </message>
    <message>
        <source>the experiment has no experiment_id</source>
        <translation>experimentul nu are experiment_id</translation>
    </message>
    <message>
        <source>a model version is not an object</source>
        <translation>o versiune de model nu este un obiect</translation>
    </message>
    <message>
        <source>the model version has no name or version</source>
        <translation>versiunea de model nu are nume sau versiune</translation>
    </message>
    <message>
        <source>a registered model is not an object</source>
        <translation>un model înregistrat nu este un obiect</translation>
    </message>
    <message>
        <source>the registered model has no name</source>
        <translation>modelul înregistrat nu are nume</translation>
    </message>
    <message>
        <source>the metric history is not a list</source>
        <translation>istoricul metricii nu este o listă</translation>
    </message>
</context>
<context>
    <name>lab::MlflowRestClient</name>
    <message>
        <source>The request to the MLflow server was cancelled</source>
        <translation>Cererea către serverul MLflow a fost anulată</translation>
    </message>
    <message>
        <source>Could not reach the MLflow server at %1 (%2): %3</source>
        <translation>Serverul MLflow de la %1 nu a putut fi contactat (%2): %3</translation>
    </message>
    <message>
        <source>The answer is larger than the console accepts; ask for less (a filter, fewer runs).</source>
        <translation>Răspunsul este mai mare decât acceptă consola; cereți mai puțin (un filtru, mai puține rulări).</translation>
    </message>
    <message>
        <source>Set MLFLOW_TRACKING_SERVER_CERT_PATH to the CA that signed the server&apos;s certificate (or MLFLOW_TRACKING_INSECURE_TLS=true to skip the check).</source>
        <translation>Setați MLFLOW_TRACKING_SERVER_CERT_PATH la CA-ul care a semnat certificatul serverului (sau MLFLOW_TRACKING_INSECURE_TLS=true pentru a omite verificarea).</translation>
    </message>
    <message>
        <source>Check MLFLOW_TRACKING_CLIENT_CERT_PATH: a PEM file with the client certificate and its key.</source>
        <translation>Verificați MLFLOW_TRACKING_CLIENT_CERT_PATH: un fișier PEM cu certificatul clientului și cheia lui.</translation>
    </message>
    <message>
        <source>Check the address and that the server is running; the console retries on its own.</source>
        <translation>Verificați adresa și dacă serverul rulează; consola reîncearcă singură.</translation>
    </message>
    <message>
        <source>The MLflow server at %1 needs credentials (HTTP 401)</source>
        <translation>Serverul MLflow de la %1 cere date de autentificare (HTTP 401)</translation>
    </message>
    <message>
        <source>Set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (or save them in the profile&apos;s connection settings).</source>
        <translation>Setați MLFLOW_TRACKING_TOKEN sau MLFLOW_TRACKING_USERNAME și MLFLOW_TRACKING_PASSWORD (sau salvați-le în setările de conexiune ale profilului).</translation>
    </message>
    <message>
        <source>The MLflow server at %1 answered HTTP 401: credentials rejected</source>
        <translation>Serverul MLflow de la %1 a răspuns HTTP 401: date de autentificare respinse</translation>
    </message>
    <message>
        <source>Check MLFLOW_TRACKING_TOKEN (or the token saved for this profile).</source>
        <translation>Verificați MLFLOW_TRACKING_TOKEN (sau tokenul salvat pentru acest profil).</translation>
    </message>
    <message>
        <source>Check MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD (or the credentials saved for this profile).</source>
        <translation>Verificați MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD (sau datele de autentificare salvate pentru acest profil).</translation>
    </message>
    <message>
        <source>The MLflow server at %1 refused %2 (HTTP 403): %3</source>
        <translation>Serverul MLflow de la %1 a refuzat %2 (HTTP 403): %3</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>permisiune refuzată</translation>
    </message>
    <message>
        <source>Ask the server&apos;s administrator for access, or use other credentials.</source>
        <translation>Cereți acces administratorului serverului sau folosiți alte date de autentificare.</translation>
    </message>
    <message>
        <source>The MLflow server answered %1 for %2: %3</source>
        <translation>Serverul MLflow a răspuns %1 pentru %2: %3</translation>
    </message>
    <message>
        <source>(no message)</source>
        <translation>(fără mesaj)</translation>
    </message>
    <message>
        <source>It may have been deleted, or the id or name is wrong.</source>
        <translation>Poate a fost șters sau id-ul ori numele este greșit.</translation>
    </message>
    <message>
        <source>The server refused what was sent; correct it and try again.</source>
        <translation>Serverul a refuzat datele trimise; corectați-le și încercați din nou.</translation>
    </message>
    <message>
        <source>The server failed; try again later, or tell its administrator.</source>
        <translation>Serverul a eșuat; încercați din nou mai târziu sau anunțați-i administratorul.</translation>
    </message>
    <message>
        <source>The server at %1 does not answer MLflow&apos;s REST API (HTTP %2 for %3): it is not an MLflow tracking server, or an older one without this call</source>
        <translation>Serverul de la %1 nu răspunde la API-ul REST al MLflow (HTTP %2 pentru %3): nu este un server de tracking MLflow sau este unul mai vechi, fără această operație</translation>
    </message>
    <message>
        <source>Check the tracking URI (a path prefix such as /mlflow may be missing).</source>
        <translation>Verificați URI-ul de urmărire (poate lipsi un prefix de cale, cum ar fi /mlflow).</translation>
    </message>
    <message>
        <source>Not an MLflow server (or a proxy page): %1 answered %2 with %3</source>
        <translation>Nu este un server MLflow (sau este o pagină de proxy): %1 a răspuns la %2 cu %3</translation>
    </message>
    <message>
        <source>A proxy in front of the MLflow server reports a failure; the server may be down. Try again later.</source>
        <translation>Un proxy din fața serverului MLflow raportează o eroare; serverul poate fi oprit. Încercați din nou mai târziu.</translation>
    </message>
    <message>
        <source>The MLflow server&apos;s answer to %1 is not valid JSON: %2</source>
        <translation>Răspunsul serverului MLflow la %1 nu este JSON valid: %2</translation>
    </message>
    <message>
        <source>The answer may have been cut off by the network or a proxy; try again.</source>
        <translation>Este posibil ca răspunsul să fi fost întrerupt de rețea sau de un proxy; încercați din nou.</translation>
    </message>
    <message>
        <source>The MLflow server&apos;s answer to %1 is not a JSON object</source>
        <translation>Răspunsul serverului MLflow la %1 nu este un obiect JSON</translation>
    </message>
</context>
<context>
    <name>lab::MlflowRestRegistry</name>
    <message>
        <source>Listing the registered models</source>
        <translation>Listarea modelelor înregistrate</translation>
    </message>
    <message>
        <source>Listing the versions of model &apos;%1&apos;</source>
        <translation>Listarea versiunilor modelului „%1”</translation>
    </message>
    <message>
        <source>%1: a name with both kinds of quote cannot be searched for.</source>
        <translation>%1: un nume care conține ambele tipuri de ghilimele nu poate fi căutat.</translation>
    </message>
    <message>
        <source>Reading registered model &apos;%1&apos;</source>
        <translation>Citirea modelului înregistrat „%1”</translation>
    </message>
    <message>
        <source>Creating registered model &apos;%1&apos;</source>
        <translation>Crearea modelului înregistrat „%1”</translation>
    </message>
    <message>
        <source>Registering a version of model &apos;%1&apos; from %2</source>
        <translation>Înregistrarea unei versiuni a modelului „%1” din %2</translation>
    </message>
    <message>
        <source>Reading version %1 of model &apos;%2&apos;</source>
        <translation>Citirea versiunii %1 a modelului „%2”</translation>
    </message>
    <message>
        <source>Setting alias &apos;%1&apos; of model &apos;%2&apos; to version %3</source>
        <translation>Setarea aliasului „%1” al modelului „%2” la versiunea %3</translation>
    </message>
    <message>
        <source>Removing alias &apos;%1&apos; of model &apos;%2&apos;</source>
        <translation>Eliminarea aliasului „%1” al modelului „%2”</translation>
    </message>
    <message>
        <source>Reading alias &apos;%1&apos; of model &apos;%2&apos;</source>
        <translation>Citirea aliasului „%1” al modelului „%2”</translation>
    </message>
    <message>
        <source>Setting tag &apos;%1&apos; of model &apos;%2&apos;</source>
        <translation>Setarea etichetei „%1” a modelului „%2”</translation>
    </message>
    <message>
        <source>Setting tag &apos;%1&apos; of version %2 of model &apos;%3&apos;</source>
        <translation>Setarea etichetei „%1” a versiunii %2 a modelului „%3”</translation>
    </message>
</context>
<context>
    <name>lab::MlflowRestStore</name>
    <message>
        <source>The MLflow server created the experiment but did not say its id</source>
        <translation>Serverul MLflow a creat experimentul, dar nu i-a comunicat id-ul</translation>
    </message>
    <message>
        <source>%1 of %2 parts of the batch were stored before this failure</source>
        <translation>părți ale lotului stocate înainte de această eroare: %1 din %2</translation>
    </message>
    <message>
        <source>Some of the points may be stored; logging the batch again later checks which.</source>
        <translation>Unele dintre puncte pot fi deja stocate; dacă înregistrați din nou lotul mai târziu, se verifică care anume.</translation>
    </message>
    <message>
        <source>No cursor or series given</source>
        <translation>Nu s-a dat niciun cursor sau nicio serie</translation>
    </message>
    <message>
        <source>%1 is not a file path inside the run&apos;s artifacts</source>
        <translation>%1 nu este o cale de fișier din artefactele rulării</translation>
    </message>
    <message>
        <source>artifact %1</source>
        <translation>artefactul %1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 nu poate fi citit: %2</translation>
    </message>
    <message>
        <source>The artifacts of run %1 are at %2, which the console cannot read</source>
        <translation>Artefactele rulării %1 se află la %2, locație pe care consola nu o poate citi</translation>
    </message>
    <message>
        <source>Start the MLflow server with --serve-artifacts so that it hands out the files.</source>
        <translation>Porniți serverul MLflow cu --serve-artifacts pentru ca acesta să furnizeze fișierele.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 nu poate fi scris: %2</translation>
    </message>
    <message>
        <source>The artifacts of run %1 are at %2, which the console cannot write</source>
        <translation>Artefactele rulării %1 se află la %2, locație în care consola nu poate scrie</translation>
    </message>
    <message>
        <source>Start the MLflow server with --serve-artifacts so that it takes the files.</source>
        <translation>Porniți serverul MLflow cu --serve-artifacts pentru ca acesta să primească fișierele.</translation>
    </message>
</context>
<context>
    <name>lab::ModelVersionsModel</name>
    <message>
        <source>Run %1
Source: %2
Click to open the run.</source>
        <translation>Rularea %1
Sursa: %2
Faceți clic pentru a deschide rularea.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>version (stage)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versiune</translation>
    </message>
    <message>
        <source>Source run</source>
        <translation>Rulare sursă</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stare</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>Aliasuri</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creată</translation>
    </message>
</context>
<context>
    <name>lab::ModelsView</name>
    <message>
        <source>Refresh</source>
        <translation>Reîmprospătează</translation>
    </message>
    <message>
        <source>Registered models</source>
        <translation>Modele înregistrate</translation>
    </message>
    <message>
        <source>Set alias…</source>
        <translation>Setează un alias…</translation>
    </message>
    <message>
        <source>Point an alias (such as champion) at the selected version</source>
        <translation>Îndreaptă un alias (de exemplu champion) spre versiunea selectată</translation>
    </message>
    <message>
        <source>Delete alias</source>
        <translation>Șterge aliasul</translation>
    </message>
    <message>
        <source>Remove one of the selected version&apos;s aliases</source>
        <translation>Elimină unul dintre aliasurile versiunii selectate</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versiuni</translation>
    </message>
    <message>
        <source>Versions of %1</source>
        <translation>Versiunile modelului %1</translation>
    </message>
    <message>
        <source>The model registry could not be read: %1</source>
        <translation>Registrul de modele nu a putut fi citit: %1</translation>
    </message>
    <message>
        <source>Loading the model registry…</source>
        <translation>Se încarcă registrul de modele…</translation>
    </message>
    <message>
        <source>No registered models yet. Register one from a run (&quot;Register model…&quot; on the run).</source>
        <translation>Încă nu există modele înregistrate. Înregistrați unul dintr-o rulare („Înregistrează modelul…” pe rulare).</translation>
    </message>
    <message numerus="yes">
        <source>%n registered model(s)</source>
        <translation>
            <numerusform>%n model înregistrat</numerusform>
            <numerusform>%n modele înregistrate</numerusform>
            <numerusform>%n de modele înregistrate</numerusform>
        </translation>
    </message>
    <message>
        <source>Run %1 has no &quot;%2&quot; artifact to register.</source>
        <translation>Rularea %1 nu are un artefact „%2” de înregistrat.</translation>
    </message>
    <message>
        <source>Log the model first (mlflow.&lt;flavor&gt;.log_model), or give the path it was logged under as the source.</source>
        <translation>Salvați mai întâi modelul (mlflow.&lt;flavor&gt;.log_model) sau dați ca sursă calea sub care a fost salvat.</translation>
    </message>
    <message>
        <source>Could not register the model</source>
        <translation>Modelul nu a putut fi înregistrat</translation>
    </message>
    <message>
        <source>Registering run %1 as a version of &quot;%2&quot; failed: %3</source>
        <translation>Înregistrarea rulării %1 ca versiune a modelului „%2” a eșuat: %3</translation>
    </message>
    <message>
        <source>Could not set the alias</source>
        <translation>Aliasul nu a putut fi setat</translation>
    </message>
    <message>
        <source>Setting alias &quot;%1&quot; of &quot;%2&quot; to version %3 failed: %4</source>
        <translation>Setarea aliasului „%1” al modelului „%2” la versiunea %3 a eșuat: %4</translation>
    </message>
    <message>
        <source>Delete the alias &quot;%1&quot; of &quot;%2&quot;? Code that loads models:/%2@%1 will stop finding it.</source>
        <translation>Ștergeți aliasul „%1” al modelului „%2”? Codul care încarcă models:/%2@%1 nu îl va mai găsi.</translation>
    </message>
    <message>
        <source>Could not delete the alias</source>
        <translation>Aliasul nu a putut fi șters</translation>
    </message>
    <message>
        <source>Deleting alias &quot;%1&quot; of &quot;%2&quot; failed: %3</source>
        <translation>Ștergerea aliasului „%1” al modelului „%2” a eșuat: %3</translation>
    </message>
</context>
<context>
    <name>lab::OfflineCacheStore</name>
    <message>
        <source>Offline since %1: cannot reach %2 (%3)</source>
        <translation>Offline din %1: %2 nu poate fi contactat (%3)</translation>
    </message>
    <message>
        <source>; showing what was last fetched at %1</source>
        <translation>; se afișează ce s-a preluat ultima dată la %1</translation>
    </message>
    <message>
        <source>; nothing fetched before is shown yet</source>
        <translation>; nu există încă nimic preluat anterior de afișat</translation>
    </message>
    <message>
        <source>Offline: %1 cannot be reached, so %2 was not saved</source>
        <translation>Offline: %1 nu poate fi contactat, deci nu s-a salvat %2</translation>
    </message>
    <message>
        <source>Nothing was changed on the server; try again when the connection is back.</source>
        <translation>Nu s-a modificat nimic pe server; încercați din nou când revine conexiunea.</translation>
    </message>
    <message>
        <source>the new experiment &quot;%1&quot;</source>
        <translation>noul experiment „%1”</translation>
    </message>
    <message>
        <source>the new run</source>
        <translation>noua rulare</translation>
    </message>
    <message>
        <source>the status of run %1</source>
        <translation>starea rulării %1</translation>
    </message>
    <message>
        <source>the tag %1</source>
        <translation>eticheta %1</translation>
    </message>
    <message>
        <source>the removal of tag %1</source>
        <translation>eliminarea etichetei %1</translation>
    </message>
    <message>
        <source>the batch for run %1</source>
        <translation>lotul pentru rularea %1</translation>
    </message>
    <message>
        <source>the deletion of run %1</source>
        <translation>ștergerea rulării %1</translation>
    </message>
    <message>
        <source>the restoring of run %1</source>
        <translation>restaurarea rulării %1</translation>
    </message>
    <message>
        <source>the artifact %1</source>
        <translation>artefactul %1</translation>
    </message>
    <message>
        <source>the registered model &quot;%1&quot;</source>
        <translation>modelul înregistrat „%1”</translation>
    </message>
    <message>
        <source>the new version of &quot;%1&quot;</source>
        <translation>noua versiune a modelului „%1”</translation>
    </message>
    <message>
        <source>the alias &quot;%1&quot;</source>
        <translation>aliasul „%1”</translation>
    </message>
    <message>
        <source>the removal of alias &quot;%1&quot;</source>
        <translation>eliminarea aliasului „%1”</translation>
    </message>
    <message>
        <source>The server cannot be reached and there is no offline copy of this: it was not fetched before, or it was removed to keep the cache within its size limit.</source>
        <translation>Serverul nu poate fi contactat și nu există o copie offline a acestor date: nu au fost preluate anterior sau au fost șterse pentru ca memoria cache să rămână în limita de spațiu.</translation>
    </message>
</context>
<context>
    <name>lab::ParallelCoordinates</name>
    <message>
        <source>missing</source>
        <translation>lipsă</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No runs to compare</source>
        <translation>Nicio rulare de comparat</translation>
    </message>
    <message>
        <source>Choose parameters and a metric to compare</source>
        <translation>Alegeți parametrii și o metrică de comparat</translation>
    </message>
</context>
<context>
    <name>lab::Parser</name>
    <message>
        <source>Invalid search filter at column %1: %2</source>
        <translation>Filtru de căutare nevalid la coloana %1: %2</translation>
    </message>
    <message>
        <source>the quote %1 is never closed</source>
        <translation>ghilimelele %1 nu sunt închise</translation>
    </message>
    <message>
        <source>expected an identifier such as metrics.loss, params.lr or attributes.status</source>
        <translation>se aștepta un identificator precum metrics.loss, params.lr sau attributes.status</translation>
    </message>
    <message>
        <source>unknown entity &quot;%1&quot;; use metrics., params., tags. or attributes.</source>
        <translation>entitate necunoscută „%1”; folosiți metrics., params., tags. sau attributes.</translation>
    </message>
    <message>
        <source>the name after &quot;%1.&quot; is missing</source>
        <translation>lipsește numele de după „%1.”</translation>
    </message>
    <message>
        <source>unknown attribute &quot;%1&quot;; valid attributes are %2</source>
        <translation>atribut necunoscut „%1”; atributele valide sunt %2</translation>
    </message>
    <message>
        <source>expected IN after NOT</source>
        <translation>se aștepta IN după NOT</translation>
    </message>
    <message>
        <source>expected NULL after IS</source>
        <translation>se aștepta NULL după IS</translation>
    </message>
    <message>
        <source>expected a comparison (=, !=, &lt;, &lt;=, &gt;, &gt;=, LIKE, ILIKE, IN, NOT IN)</source>
        <translation>se aștepta o comparație (=, !=, &lt;, &lt;=, &gt;, &gt;=, LIKE, ILIKE, IN, NOT IN)</translation>
    </message>
    <message>
        <source>expected a parenthesised list of quoted values, e.g. (&apos;FINISHED&apos;, &apos;FAILED&apos;)</source>
        <translation>se aștepta o listă între paranteze de valori între ghilimele, de exemplu (&apos;FINISHED&apos;, &apos;FAILED&apos;)</translation>
    </message>
    <message>
        <source>expected a quoted value in the list</source>
        <translation>se aștepta o valoare între ghilimele în listă</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;)&apos; in the list</source>
        <translation>se aștepta &apos;,&apos; sau &apos;)&apos; în listă</translation>
    </message>
    <message>
        <source>%1 applies to params, tags and metrics only</source>
        <translation>%1 se aplică doar pentru params, tags și metrics</translation>
    </message>
    <message>
        <source>&quot;%1&quot; compares numbers: use =, !=, &lt;, &lt;=, &gt; or &gt;=</source>
        <translation>„%1” compară numere: folosiți =, !=, &lt;, &lt;=, &gt; sau &gt;=</translation>
    </message>
    <message>
        <source>&quot;%1&quot; compares text: use =, !=, LIKE, ILIKE, IN or NOT IN</source>
        <translation>„%1” compară text: folosiți =, !=, LIKE, ILIKE, IN sau NOT IN</translation>
    </message>
    <message>
        <source>a value is missing after %1</source>
        <translation>lipsește o valoare după %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a number: write the value without quotes</source>
        <translation>„%1” este un număr: scrieți valoarea fără ghilimele</translation>
    </message>
    <message>
        <source>expected a number</source>
        <translation>se aștepta un număr</translation>
    </message>
    <message>
        <source>text values must be in single or double quotes, e.g. params.lr = &apos;0.01&apos;</source>
        <translation>valorile text trebuie puse între ghilimele simple sau duble, de exemplu params.lr = &apos;0.01&apos;</translation>
    </message>
    <message>
        <source>OR is not supported: MLflow&apos;s search syntax joins conditions with AND only</source>
        <translation>OR nu este acceptat: sintaxa de căutare MLflow unește condițiile doar cu AND</translation>
    </message>
    <message>
        <source>expected AND or the end of the filter</source>
        <translation>se aștepta AND sau sfârșitul filtrului</translation>
    </message>
</context>
<context>
    <name>lab::ProfileReader</name>
    <message>
        <source>the profile is empty</source>
        <translation>profilul este gol</translation>
    </message>
    <message>
        <source>a profile must be a mapping of keys to values</source>
        <translation>un profil trebuie să fie o corespondență de la chei la valori</translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot; ignored</source>
        <translation>cheia necunoscută „%1” a fost ignorată</translation>
    </message>
    <message>
        <source>the profile has no &quot;name&quot;</source>
        <translation>profilul nu are „name”</translation>
    </message>
    <message>
        <source>the name &quot;%1&quot; may use only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;</source>
        <translation>numele „%1” poate folosi doar litere, cifre, &apos;.&apos;, &apos;_&apos; și &apos;-&apos;</translation>
    </message>
    <message>
        <source>kind must be &quot;local&quot; or &quot;cluster&quot;, not &quot;%1&quot;</source>
        <translation>kind trebuie să fie „local” sau „cluster”, nu „%1”</translation>
    </message>
    <message>
        <source>compute.gpuCount must be &quot;auto&quot; or a number of GPUs, not &quot;%1&quot;</source>
        <translation>compute.gpuCount trebuie să fie „auto” sau un număr de GPU-uri, nu „%1”</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a mapping</source>
        <translation>„%1” trebuie să fie o corespondență</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a single value</source>
        <translation>„%1” trebuie să fie o singură valoare</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number of at least %2, not &quot;%3&quot;</source>
        <translation>„%1” trebuie să fie un număr întreg de cel puțin %2, nu „%3”</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a mapping of names to values</source>
        <translation>„%1” trebuie să fie o corespondență de la nume la valori</translation>
    </message>
    <message>
        <source>the value of &quot;%1&quot; must be a single value</source>
        <translation>valoarea lui „%1” trebuie să fie o singură valoare</translation>
    </message>
    <message>
        <source>%1.access must be &quot;direct&quot; or &quot;proxy&quot;, not &quot;%2&quot;</source>
        <translation>%1.access trebuie să fie „direct” sau „proxy”, nu „%2”</translation>
    </message>
    <message>
        <source>&quot;tolerations&quot; must be a list</source>
        <translation>„tolerations” trebuie să fie o listă</translation>
    </message>
    <message>
        <source>each toleration must be a mapping (key, operator, value, effect)</source>
        <translation>fiecare toleranță trebuie să fie o corespondență (key, operator, value, effect)</translation>
    </message>
    <message>
        <source>&quot;envFrom&quot; must be a list</source>
        <translation>„envFrom” trebuie să fie o listă</translation>
    </message>
    <message>
        <source>each envFrom entry names a secretRef or a configMapRef</source>
        <translation>fiecare intrare envFrom numește un secretRef sau un configMapRef</translation>
    </message>
</context>
<context>
    <name>lab::ProjectReader</name>
    <message>
        <source>entry point &quot;%1&quot; must be a mapping with &quot;command&quot; and &quot;parameters&quot;</source>
        <translation>punctul de intrare „%1” trebuie să fie o corespondență cu „command” și „parameters”</translation>
    </message>
    <message>
        <source>entry point &quot;%1&quot; has no &quot;command&quot;</source>
        <translation>punctul de intrare „%1” nu are „command”</translation>
    </message>
    <message>
        <source>the parameters of entry point &quot;%1&quot; must be a mapping</source>
        <translation>parametrii punctului de intrare „%1” trebuie să fie o corespondență</translation>
    </message>
    <message>
        <source>the type of parameter &quot;%1&quot; must be a single word</source>
        <translation>tipul parametrului „%1” trebuie să fie un singur cuvânt</translation>
    </message>
    <message>
        <source>the default of parameter &quot;%1&quot; must be a single value</source>
        <translation>valoarea implicită a parametrului „%1” trebuie să fie o singură valoare</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot; must be a type name or {type, default}</source>
        <translation>parametrul „%1” trebuie să fie un nume de tip sau {type, default}</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot; has the unknown type &quot;%2&quot; (use float, int, string, path or uri)</source>
        <translation>parametrul „%1” are tipul necunoscut „%2” (folosiți float, int, string, path sau uri)</translation>
    </message>
    <message>
        <source>the default of parameter &quot;%1&quot; is not valid: %2</source>
        <translation>valoarea implicită a parametrului „%1” nu este validă: %2</translation>
    </message>
</context>
<context>
    <name>lab::Reader</name>
    <message>
        <source>The metric history ends early, at byte %1 (the response was cut off).</source>
        <translation>Istoricul metricii se termină prematur, la octetul %1 (răspunsul a fost întrerupt).</translation>
    </message>
    <message>
        <source>The metric history is not valid UTF-8 (near byte %1).</source>
        <translation>Istoricul metricii nu este UTF-8 valid (lângă octetul %1).</translation>
    </message>
    <message>
        <source>The metric history is too large to parse (%1 bytes).</source>
        <translation>Istoricul metricii este prea mare pentru a fi analizat (%1 de octeți).</translation>
    </message>
    <message>
        <source>The metric history is not valid JSON: error at byte %1.</source>
        <translation>Istoricul metricii nu este JSON valid: eroare la octetul %1.</translation>
    </message>
    <message>
        <source>The metric history does not have the expected shape at byte %1: %2.</source>
        <translation>Istoricul metricii nu are forma așteptată la octetul %1: %2.</translation>
    </message>
    <message>
        <source>The metric history is nested more than %1 levels deep (at byte %2).</source>
        <translation>Istoricul metricii este imbricat pe mai mult de %1 niveluri (la octetul %2).</translation>
    </message>
    <message>
        <source>field &apos;%1&apos; is not an integer</source>
        <translation>câmpul „%1” nu este un număr întreg</translation>
    </message>
    <message>
        <source>a metric value is not a number</source>
        <translation>o valoare de metrică nu este un număr</translation>
    </message>
    <message>
        <source>field &apos;%1&apos; is not a string</source>
        <translation>câmpul „%1” nu este un șir de caractere</translation>
    </message>
    <message>
        <source>a metric is not an object</source>
        <translation>o metrică nu este un obiect</translation>
    </message>
</context>
<context>
    <name>lab::RegisterModelDialog</name>
    <message>
        <source>Register model</source>
        <translation>Înregistrare model</translation>
    </message>
    <message>
        <source>Register the model logged by run &lt;b&gt;%1&lt;/b&gt; in the model registry.</source>
        <translation>Înregistrați în registrul de modele modelul salvat de rularea &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>an existing model, or a new name</source>
        <translation>un model existent sau un nume nou</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Model:</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Sursă:</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opțional</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Descriere:</translation>
    </message>
    <message>
        <source>Checking the run&apos;s artifacts…</source>
        <translation>Se verifică artefactele rulării…</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Înregistrează</translation>
    </message>
    <message>
        <source>Choose a registered model or type a name for a new one.</source>
        <translation>Alegeți un model înregistrat sau scrieți numele unuia nou.</translation>
    </message>
    <message>
        <source>A model name cannot contain / or \.</source>
        <translation>Numele unui model nu poate conține / sau \.</translation>
    </message>
    <message>
        <source>A model name cannot contain %.</source>
        <translation>Numele unui model nu poate conține %.</translation>
    </message>
    <message>
        <source>A model name cannot start with a dot.</source>
        <translation>Numele unui model nu poate începe cu un punct.</translation>
    </message>
    <message>
        <source>Looking up the registered models…</source>
        <translation>Se caută modelele înregistrate…</translation>
    </message>
    <message>
        <source>A new registered model &quot;%1&quot; will be created, with this run as version 1.</source>
        <translation>Se va crea un model înregistrat nou, „%1”, cu această rulare ca versiunea 1.</translation>
    </message>
    <message>
        <source>This run becomes a new version of &quot;%1&quot;.</source>
        <translation>Această rulare devine o versiune nouă a modelului „%1”.</translation>
    </message>
    <message>
        <source>The run&apos;s artifacts could not be listed: %1</source>
        <translation>Artefactele rulării nu au putut fi listate: %1</translation>
    </message>
    <message>
        <source>This run has no artifacts at all, so there is no model to register.</source>
        <translation>Această rulare nu are niciun artefact, deci nu există niciun model de înregistrat.</translation>
    </message>
    <message>
        <source>This run&apos;s artifact folders: %1.</source>
        <translation>Dosarele de artefacte ale acestei rulări: %1.</translation>
    </message>
    <message>
        <source>The run has a &quot;%1&quot; artifact.</source>
        <translation>Rularea are un artefact „%1”.</translation>
    </message>
    <message>
        <source>Type the model&apos;s source, for example %1.</source>
        <translation>Scrieți sursa modelului, de exemplu %1.</translation>
    </message>
    <message>
        <source>This run has no &quot;%1&quot; artifact. Log the model first (mlflow.&lt;flavor&gt;.log_model(..., &quot;%1&quot;)), or type the path it was logged under as the source.</source>
        <translation>Această rulare nu are un artefact „%1”. Salvați mai întâi modelul (mlflow.&lt;flavor&gt;.log_model(..., &quot;%1&quot;)) sau scrieți ca sursă calea sub care a fost salvat.</translation>
    </message>
</context>
<context>
    <name>lab::RegisteredModelsModel</name>
    <message>
        <source>%1 → %2</source>
        <comment>alias → version</comment>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Latest version</source>
        <translation>Ultima versiune</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>Aliasuri</translation>
    </message>
    <message>
        <source>Last updated</source>
        <translation>Ultima actualizare</translation>
    </message>
</context>
<context>
    <name>lab::RememberedSecret</name>
    <message>
        <source>No system keychain is available, so the password remembered for %1 was not read; the console opened without it. Connect again to type it.</source>
        <translation>Nu există un keychain al sistemului, așa că parola reținută pentru %1 nu a fost citită; consola s-a deschis fără ea. Conectați-vă din nou pentru a o introduce.</translation>
    </message>
    <message>
        <source>The password remembered for %1 was not read: %2 The console opened without it; connect again to type it.</source>
        <translation>Parola reținută pentru %1 nu a fost citită: %2 Consola s-a deschis fără ea; conectați-vă din nou pentru a o introduce.</translation>
    </message>
</context>
<context>
    <name>lab::RunBundle</name>
    <message>
        <source>No runs were chosen to export</source>
        <translation>Nu s-a ales nicio rulare de exportat</translation>
    </message>
    <message>
        <source>Run %1 could not be read for the bundle</source>
        <translation>Rularea %1 nu a putut fi citită pentru pachet</translation>
    </message>
    <message>
        <source>The metrics of run %1 could not be listed</source>
        <translation>Metricile rulării %1 nu au putut fi listate</translation>
    </message>
    <message>
        <source>The history of %1 in run %2 could not be read</source>
        <translation>Istoricul metricii %1 din rularea %2 nu a putut fi citit</translation>
    </message>
    <message>
        <source>The artifacts of run %1 could not be listed</source>
        <translation>Artefactele rulării %1 nu au putut fi listate</translation>
    </message>
    <message>
        <source>The artifact %1 of run %2 could not be read</source>
        <translation>Artefactul %1 al rulării %2 nu a putut fi citit</translation>
    </message>
    <message>
        <source>The bundle %1 cannot be written: %2</source>
        <translation>Pachetul %1 nu poate fi scris: %2</translation>
    </message>
    <message>
        <source>The bundle %1 could not be written: %2</source>
        <translation>Pachetul %1 nu a putut fi scris: %2</translation>
    </message>
    <message>
        <source>Check that the disk has room; nothing was changed.</source>
        <translation>Verificați dacă există spațiu pe disc; nu s-a modificat nimic.</translation>
    </message>
    <message>
        <source>The store %1 is read-only; choose another to import into</source>
        <translation>Depozitul %1 poate fi doar citit; alegeți altul în care să importați</translation>
    </message>
    <message>
        <source>Run %1 could not be imported into %2</source>
        <translation>Rularea %1 nu a putut fi importată în %2</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) were imported before it: %1</source>
        <translation>
            <numerusform>%n rulare a fost importată înaintea ei: %1</numerusform>
            <numerusform>%n rulări au fost importate înaintea ei: %1</numerusform>
            <numerusform>%n de rulări au fost importate înaintea ei: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lab::RunDetailsView</name>
    <message>
        <source>Parameter</source>
        <translation>Parametru</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valoare</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Etichetă</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrică</translation>
    </message>
    <message>
        <source>Latest value</source>
        <translation>Ultima valoare</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Pas</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Timp</translation>
    </message>
    <message>
        <source>Artifact</source>
        <translation>Artefact</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Mărime</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parametri</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metrici</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etichete</translation>
    </message>
    <message>
        <source>Artifacts</source>
        <translation>Artefacte</translation>
    </message>
    <message>
        <source>Select a run to see its details.</source>
        <translation>Selectați o rulare pentru a-i vedea detaliile.</translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation>Pornită %1</translation>
    </message>
    <message>
        <source>ended %1</source>
        <translation>încheiată %1</translation>
    </message>
    <message>
        <source>Artifacts: %1</source>
        <translation>Artefacte: %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Se încarcă…</translation>
    </message>
    <message>
        <source>No artifacts</source>
        <translation>Niciun artefact</translation>
    </message>
    <message>
        <source>Could not list artifacts: %1</source>
        <translation>Artefactele nu au putut fi listate: %1</translation>
    </message>
</context>
<context>
    <name>lab::RunsTableModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 z %2 h</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>În execuție</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Programată</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Încheiată</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Eșuată</translation>
    </message>
    <message>
        <source>Killed</source>
        <translation>Oprită</translation>
    </message>
    <message>
        <source>Latest value of metric %1</source>
        <translation>Ultima valoare a metricii %1</translation>
    </message>
    <message>
        <source>Parameter %1</source>
        <translation>Parametrul %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nume</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stare</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Început</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durată</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilizator</translation>
    </message>
</context>
<context>
    <name>lab::SearchFilter</name>
    <message>
        <source>expected ASC, DESC or the end of the order_by term</source>
        <translation>se aștepta ASC, DESC sau sfârșitul termenului order_by</translation>
    </message>
</context>
<context>
    <name>lab::SecretStore</name>
    <message numerus="yes">
        <source>The system keychain did not answer within %n second(s).</source>
        <translation>
            <numerusform>Keychain-ul sistemului nu a răspuns în %n secundă.</numerusform>
            <numerusform>Keychain-ul sistemului nu a răspuns în %n secunde.</numerusform>
            <numerusform>Keychain-ul sistemului nu a răspuns în %n de secunde.</numerusform>
        </translation>
    </message>
    <message>
        <source>The password is kept for this session only.</source>
        <translation>Parola este păstrată doar pentru această sesiune.</translation>
    </message>
    <message>
        <source>Type the password again; it is kept for this session only.</source>
        <translation>Introduceți din nou parola; este păstrată doar pentru această sesiune.</translation>
    </message>
    <message>
        <source>No system keychain is available; the password is kept for this session only.</source>
        <translation>Nu există un keychain al sistemului; parola este păstrată doar pentru această sesiune.</translation>
    </message>
</context>
<context>
    <name>lab::SetAliasDialog</name>
    <message>
        <source>Set alias</source>
        <translation>Setează aliasul</translation>
    </message>
    <message>
        <source>Point an alias of &lt;b&gt;%1&lt;/b&gt; at version &lt;b&gt;%2&lt;/b&gt;. Code can then load &lt;tt&gt;models:/%1@&amp;lt;alias&amp;gt;&lt;/tt&gt;.</source>
        <translation>Îndreptați un alias al modelului &lt;b&gt;%1&lt;/b&gt; spre versiunea &lt;b&gt;%2&lt;/b&gt;. Codul poate încărca apoi &lt;tt&gt;models:/%1@&amp;lt;alias&amp;gt;&lt;/tt&gt;.</translation>
    </message>
    <message>
        <source>for example champion</source>
        <translation>de exemplu champion</translation>
    </message>
    <message>
        <source>Alias:</source>
        <translation>Alias:</translation>
    </message>
    <message>
        <source>Type an alias name.</source>
        <translation>Scrieți numele unui alias.</translation>
    </message>
    <message>
        <source>An alias may only hold letters, digits, underscores (_) and dashes (-).</source>
        <translation>Un alias poate conține doar litere, cifre, caractere de subliniere (_) și cratime (-).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; looks like a version number (v&lt;number&gt;), which MLflow reserves.</source>
        <translation>„%1” arată ca un număr de versiune (v&lt;număr&gt;), formă rezervată de MLflow.</translation>
    </message>
    <message>
        <source>&quot;latest&quot; is reserved by MLflow: it always means the newest version.</source>
        <translation>„latest” este rezervat de MLflow: înseamnă întotdeauna cea mai nouă versiune.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; already points at version %2.</source>
        <translation>„%1” indică deja versiunea %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; points at version %2 now; it will move to version %3.</source>
        <translation>„%1” indică acum versiunea %2; va fi mutat la versiunea %3.</translation>
    </message>
</context>
<context>
    <name>lab::StoreLogReader</name>
    <message>
        <source>Could not read the log from the server: %1</source>
        <translation>Jurnalul nu a putut fi citit de pe server: %1</translation>
    </message>
    <message>
        <source>Could not read the log: %1</source>
        <translation>Jurnalul nu a putut fi citit: %1</translation>
    </message>
</context>
<context>
    <name>lab::TrackingStore</name>
    <message>
        <source>This store has no model registry</source>
        <translation>Acest depozit nu are un registru de modele</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Lab profile to open (default: local).</source>
        <translation>Profilul de laborator de deschis (implicit: local).</translation>
    </message>
    <message>
        <source>MLflow tracking store to use instead of the profile&apos;s.</source>
        <translation>Depozitul de urmărire MLflow de folosit în locul celui al profilului.</translation>
    </message>
    <message>
        <source>User interface language: en or ro.</source>
        <translation>Limba interfeței: en sau ro.</translation>
    </message>
    <message>
        <source>Launch, watch and compare training runs.</source>
        <translation>Lansați, urmăriți și comparați rulări de antrenare.</translation>
    </message>
    <message>
        <source>Lab Console</source>
        <translation>Lab Console</translation>
    </message>
    <message>
        <source>Lab Console cannot open its tracking store: %1</source>
        <translation>Lab Console nu își poate deschide depozitul de urmărire: %1</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>Nu se poate realiza conectarea la %1: %2</translation>
    </message>
</context>
</TS>
