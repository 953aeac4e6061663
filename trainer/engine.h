#pragma once

#include "modelparameters.h"

#include <string>
#include <vector>

namespace lab {

struct OptimizerSettings
{
    enum class Kind { Sgd, Adam };
    Kind kind = Kind::Adam;
    float learningRate = 0.01f;
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    float epsilon = 1e-8f;
};

// Rows of standardised features (row-major, rows x cols) with their class indices.
struct DataView
{
    const float *x = nullptr;
    const int *y = nullptr;
    int rows = 0;
    int cols = 0;
};

struct Evaluation
{
    double loss = 0;     // mean softmax cross-entropy
    double accuracy = 0; // fraction of rows whose arg-max is the label
};

enum class DataSplit { Train, Validation };

// One training back end (CPU or CUDA). Both run the same algorithm in float32 with the same
// initial weights and batch order; only the summation order inside matrix products differs.
// Tolerance between them (checked by trainer/gpu-check.sh): the first step's train_loss within
// 1e-5 relative, the final val_accuracy within 0.01 absolute and the final val_loss within 1e-2
// relative. Plain C++ so the CUDA implementation can include it.
class Engine
{
public:
    virtual ~Engine() = default;

    virtual std::string deviceName() const = 0;  // "cpu" or "cuda"
    virtual std::string description() const = 0; // for the log: "CPU (float32)", "NVIDIA H100 (sm_90)"

    // Copies the data sets; false with lastError() on failure (e.g. out of device memory).
    virtual bool setData(const DataView &train, const DataView &validation) = 0;
    virtual bool setParameters(const ModelParameters &parameters) = 0;
    virtual bool parameters(ModelParameters *out) = 0;

    // One optimiser step on the training rows `indices[0..count)`; *loss is the batch's mean loss
    // before the step.
    virtual bool trainBatch(const int *indices, int count, double *loss) = 0;
    virtual bool evaluate(DataSplit split, Evaluation *out) = 0;

    std::string lastError() const { return m_lastError; }

protected:
    std::string m_lastError;
};

} // namespace lab
