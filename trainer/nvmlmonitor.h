#pragma once

#include <QString>

namespace lab {

// The few NVML readings MLflow's GPUMonitor logs, for the one GPU this process trains on. NVML is
// loaded with dlopen (there is no nvml.h to build against, and lab-train must run where no driver
// is installed); every failure just means "no sample".
class NvmlMonitor
{
public:
    struct Sample
    {
        double utilizationPercent = -1;
        double memoryUsedMegabytes = -1; // MLflow divides bytes by 1e6
        double memoryUsedPercent = -1;
        double powerWatts = -1;
        double powerPercent = -1; // of the enforced power limit
    };

    NvmlMonitor();
    ~NvmlMonitor();
    NvmlMonitor(const NvmlMonitor &) = delete;
    NvmlMonitor &operator=(const NvmlMonitor &) = delete;

    // Finds the GPU by PCI bus id ("0000:3B:00.0"), or by NVML index 0 when the id is empty.
    bool open(const QString &pciBusId);
    bool isOpen() const { return m_device != nullptr; }
    QString errorString() const { return m_error; }
    bool sample(Sample *out);

private:
    void *m_library = nullptr;
    void *m_device = nullptr;
    QString m_error;
    struct Api;
    Api *m_api = nullptr;
};

} // namespace lab
