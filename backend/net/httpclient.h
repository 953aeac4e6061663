#pragma once

#include "net/httprequest.h"
#include "net/httpresponse.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace lab {

// HTTP over libcurl's multi interface, on one network thread per client.
//
// The network thread runs a loop around curl_multi_poll(); send() and cancel() queue a command and
// wake it with curl_multi_wakeup(), so they are cheap and safe from any thread. Results come back
// as values, queued to the thread this object lives in: exactly one finished() per id (a cancelled
// request finishes with HttpFailure::Cancelled), after all its chunk() signals. Connections are
// reused across requests to the same host. The destructor cancels everything and joins the thread.
//
// Code that already runs on a worker thread (the blocking TrackingStore implementations) calls
// sendAndWait(): the same engine, with the result handed straight to the waiting thread.
//
// Debug logging (category labconsole.http) shows method, URL and headers with credentials redacted.
class HttpClient : public QObject
{
    Q_OBJECT
public:
    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;

    // Starts a request and returns its id (never 0). Thread-safe.
    quint64 send(HttpRequest request);
    // Stops a request; its finished() carries HttpFailure::Cancelled unless it had already ended.
    // Thread-safe; unknown ids are ignored.
    void cancel(quint64 id);
    void cancelAll();

    // Sends and blocks the calling thread until the response is complete. Not for the GUI thread.
    // Setting *abort to true from another thread ends the wait with HttpFailure::Cancelled within
    // about 100 ms. request.streaming is ignored: the body is collected.
    HttpResponse sendAndWait(HttpRequest request, const std::atomic_bool *abort = nullptr);

    int activeCount() const; // requests queued or in flight

Q_SIGNALS:
    // Streaming requests only: the status and headers of the final response, before its first chunk.
    void headersReceived(quint64 id, int status, const lab::HttpHeaders &headers);
    // Streaming requests only: body bytes as they arrive (decoded).
    void chunk(quint64 id, const QByteArray &data);
    void finished(const lab::HttpResponse &response);

private:
    class Engine;
    std::unique_ptr<Engine> m_engine;
};

} // namespace lab
