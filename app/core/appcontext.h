#pragma once

#include "core/result.h"
#include "project/labprofile.h"
#include "tracking/mlflowconnection.h"

#include <QObject>

#include <memory>

class QTimer;

namespace lab {

class GpuTelemetry;
class LocalRunner;
class NvmlTelemetry;
class SecretStore;
class TrackingService;

// What the command line (or a test) asks of the wiring.
struct AppOptions
{
    QString profile;        // empty: "local"
    QString trackingUri;    // empty: the profile's, else $MLFLOW_TRACKING_URI, else the local default store
    QString trainerProgram; // empty: lab-train beside the executable (see findTrainer())
    bool telemetry = true;  // start GPU sampling
    int telemetryIntervalMs = 1000;
    // http(s) tracking URIs only (local stores ignore them): credentials typed into the console
    // (they win over MLFLOW_TRACKING_*), TLS files and switch as ConnectDialog gives them, and
    // whether what was fetched is kept on disk for working offline.
    TrackingCredentials credentials;
    QString serverCertPath;
    QString clientCertPath;
    bool insecureTls = false;
    bool offlineCache = true;
};

// The services of one lab profile, built and owned together: the tracking store behind an
// asynchronous TrackingService, the local runner (with its own store instance: stores are not
// shared between threads) and NVML telemetry, told which of our jobs holds which process.
// The GUI and tests get them from here; widgets receive them as plain pointers.
class AppContext : public QObject
{
    Q_OBJECT
public:
    // Fails with a message in words when the profile is unknown or broken, names a cluster (not
    // supported by this version), or when its store cannot be opened.
    static Result<std::unique_ptr<AppContext>> create(const AppOptions &options, QObject *parent = nullptr);
    ~AppContext() override;

    const LabProfile &profile() const { return m_profile; }
    QString trackingUri() const { return m_trackingUri; }
    TrackingService *tracking() const { return m_tracking.get(); }
    LocalRunner *runner() const { return m_runner.get(); }
    GpuTelemetry *telemetry() const;
    // The keychain for secrets typed into the console (asynchronous; session-only without one).
    SecretStore *secrets() const { return m_secrets; }

    // Adopts jobs left running by an earlier console and marks runs whose process ended.
    Result<int> recover();

    // lab-train next to the executable, in ../trainer (the build tree), on PATH, or where it is
    // installed; empty when none is found.
    static QString findTrainer();

private:
    explicit AppContext(QObject *parent);
    void updateGpuOwners();

    LabProfile m_profile;
    QString m_trackingUri;
    std::unique_ptr<TrackingService> m_tracking;
    std::unique_ptr<LocalRunner> m_runner;
    std::unique_ptr<NvmlTelemetry> m_telemetry;
    QTimer *m_ownerTimer = nullptr;
    SecretStore *m_secrets = nullptr;
};

} // namespace lab
