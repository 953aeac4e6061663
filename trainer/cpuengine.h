#pragma once

#include "engine.h"

namespace lab {

// The reference implementation: single-threaded float32 loops, deterministic for a given seed.
class CpuEngine : public Engine
{
public:
    explicit CpuEngine(const OptimizerSettings &optimizer);

    std::string deviceName() const override { return "cpu"; }
    std::string description() const override;

    bool setData(const DataView &train, const DataView &validation) override;
    bool setParameters(const ModelParameters &parameters) override;
    bool parameters(ModelParameters *out) override;
    bool trainBatch(const int *indices, int count, double *loss) override;
    bool evaluate(DataSplit split, Evaluation *out) override;

    // Mean loss of `rows` rows and, when `gradients` is given, its gradient with respect to every
    // weight and bias (same shape as `parameters`). Used by training and by the gradient check.
    static double lossAndGradients(const ModelParameters &parameters, const float *x, const int *y, int rows,
                                   ModelParameters *gradients, int *correct = nullptr);

private:
    void applyUpdate(const ModelParameters &gradients);

    OptimizerSettings m_optimizer;
    ModelParameters m_params;
    ModelParameters m_m; // Adam first moments
    ModelParameters m_v; // Adam second moments
    long long m_step = 0;
    int m_cols = 0;
    std::vector<float> m_trainX, m_valX, m_batchX;
    std::vector<int> m_trainY, m_valY, m_batchY;
    ModelParameters m_grads;
};

} // namespace lab
