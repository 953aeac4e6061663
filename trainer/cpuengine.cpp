#include "cpuengine.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace lab {

namespace {

// out[r][o] = b[o] + sum_i in[r][i] * w[o][i]
void affine(const float *in, int rows, int nin, const float *w, const float *b, int nout, float *out)
{
    for (int r = 0; r < rows; ++r) {
        const float *a = in + std::size_t(r) * nin;
        float *z = out + std::size_t(r) * nout;
        for (int o = 0; o < nout; ++o) {
            const float *wr = w + std::size_t(o) * nin;
            float s = 0;
            for (int i = 0; i < nin; ++i)
                s += a[i] * wr[i];
            z[o] = s + b[o];
        }
    }
}

} // namespace

CpuEngine::CpuEngine(const OptimizerSettings &optimizer) : m_optimizer(optimizer) {}

std::string CpuEngine::description() const
{
    return "CPU (float32, 1 thread)";
}

bool CpuEngine::setData(const DataView &train, const DataView &validation)
{
    m_cols = train.cols;
    m_trainX.assign(train.x, train.x + std::size_t(train.rows) * train.cols);
    m_trainY.assign(train.y, train.y + train.rows);
    m_valX.assign(validation.x, validation.x + std::size_t(validation.rows) * validation.cols);
    m_valY.assign(validation.y, validation.y + validation.rows);
    return true;
}

bool CpuEngine::setParameters(const ModelParameters &parameters)
{
    m_params = parameters;
    m_m = ModelParameters::zerosLike(parameters);
    m_v = ModelParameters::zerosLike(parameters);
    m_grads = ModelParameters::zerosLike(parameters);
    m_step = 0;
    return true;
}

bool CpuEngine::parameters(ModelParameters *out)
{
    *out = m_params;
    return true;
}

double CpuEngine::lossAndGradients(const ModelParameters &p, const float *x, const int *y, int rows,
                                   ModelParameters *gradients, int *correct)
{
    const int layers = p.layerCount();
    // acts[0] is the input; acts[l + 1] the output of layer l (after ReLU for hidden layers,
    // logits for the last one).
    std::vector<std::vector<float>> acts(layers + 1);
    acts[0].assign(x, x + std::size_t(rows) * p.sizes[0]);
    for (int l = 0; l < layers; ++l) {
        const int nin = p.inputs(l), nout = p.outputs(l);
        acts[l + 1].resize(std::size_t(rows) * nout);
        affine(acts[l].data(), rows, nin, p.weights[l].data(), p.biases[l].data(), nout, acts[l + 1].data());
        if (l + 1 < layers)
            for (float &v : acts[l + 1])
                v = v > 0 ? v : 0.0f;
    }

    const int classes = p.sizes.back();
    std::vector<float> &logits = acts[layers];
    std::vector<float> delta(std::size_t(rows) * classes);
    double lossSum = 0;
    int hits = 0;
    const float invRows = 1.0f / float(rows);
    for (int r = 0; r < rows; ++r) {
        const float *z = logits.data() + std::size_t(r) * classes;
        int best = 0;
        for (int c = 1; c < classes; ++c)
            if (z[c] > z[best])
                best = c;
        hits += best == y[r];
        const float m = z[best];
        float s = 0;
        for (int c = 0; c < classes; ++c)
            s += std::exp(z[c] - m);
        const float rowLoss = m + std::log(s) - z[y[r]];
        lossSum += double(rowLoss);
        float *d = delta.data() + std::size_t(r) * classes;
        for (int c = 0; c < classes; ++c)
            d[c] = (std::exp(z[c] - m) / s - (c == y[r] ? 1.0f : 0.0f)) * invRows;
    }
    if (correct)
        *correct = hits;
    if (!gradients)
        return lossSum / rows;

    if (gradients->sizes != p.sizes)
        *gradients = ModelParameters::zerosLike(p);
    // Backward pass: delta holds dLoss/dZ of layer l.
    for (int l = layers - 1; l >= 0; --l) {
        const int nin = p.inputs(l), nout = p.outputs(l);
        float *dw = gradients->weights[l].data();
        float *db = gradients->biases[l].data();
        std::fill(dw, dw + std::size_t(nin) * nout, 0.0f);
        std::fill(db, db + nout, 0.0f);
        const float *a = acts[l].data();
        for (int r = 0; r < rows; ++r) {
            const float *d = delta.data() + std::size_t(r) * nout;
            const float *ar = a + std::size_t(r) * nin;
            for (int o = 0; o < nout; ++o) {
                const float g = d[o];
                db[o] += g;
                float *dwr = dw + std::size_t(o) * nin;
                for (int i = 0; i < nin; ++i)
                    dwr[i] += g * ar[i];
            }
        }
        if (l == 0)
            break;
        std::vector<float> prev(std::size_t(rows) * nin, 0.0f);
        const float *w = p.weights[l].data();
        for (int r = 0; r < rows; ++r) {
            const float *d = delta.data() + std::size_t(r) * nout;
            float *pr = prev.data() + std::size_t(r) * nin;
            for (int o = 0; o < nout; ++o) {
                const float g = d[o];
                const float *wr = w + std::size_t(o) * nin;
                for (int i = 0; i < nin; ++i)
                    pr[i] += g * wr[i];
            }
            // ReLU mask: the activation is zero exactly where the pre-activation was <= 0.
            const float *ar = a + std::size_t(r) * nin;
            for (int i = 0; i < nin; ++i)
                if (!(ar[i] > 0))
                    pr[i] = 0;
        }
        delta.swap(prev);
    }
    return lossSum / rows;
}

void CpuEngine::applyUpdate(const ModelParameters &g)
{
    ++m_step;
    const float lr = m_optimizer.learningRate;
    auto update = [&](std::vector<float> &w, const std::vector<float> &gw, std::vector<float> &m,
                      std::vector<float> &v, float bc1, float bc2) {
        if (m_optimizer.kind == OptimizerSettings::Kind::Sgd) {
            for (std::size_t i = 0; i < w.size(); ++i)
                w[i] -= lr * gw[i];
            return;
        }
        const float b1 = m_optimizer.beta1, b2 = m_optimizer.beta2, eps = m_optimizer.epsilon;
        for (std::size_t i = 0; i < w.size(); ++i) {
            m[i] = b1 * m[i] + (1.0f - b1) * gw[i];
            v[i] = b2 * v[i] + (1.0f - b2) * (gw[i] * gw[i]);
            const float mhat = m[i] / bc1;
            const float vhat = v[i] / bc2;
            w[i] -= lr * mhat / (std::sqrt(vhat) + eps);
        }
    };
    // Bias corrections in double, rounded once: the CUDA engine passes the same two floats.
    const float bc1 = float(1.0 - std::pow(double(m_optimizer.beta1), double(m_step)));
    const float bc2 = float(1.0 - std::pow(double(m_optimizer.beta2), double(m_step)));
    for (int l = 0; l < m_params.layerCount(); ++l) {
        update(m_params.weights[l], g.weights[l], m_m.weights[l], m_v.weights[l], bc1, bc2);
        update(m_params.biases[l], g.biases[l], m_m.biases[l], m_v.biases[l], bc1, bc2);
    }
}

bool CpuEngine::trainBatch(const int *indices, int count, double *loss)
{
    m_batchX.resize(std::size_t(count) * m_cols);
    m_batchY.resize(count);
    for (int r = 0; r < count; ++r) {
        const int src = indices[r];
        std::memcpy(m_batchX.data() + std::size_t(r) * m_cols, m_trainX.data() + std::size_t(src) * m_cols,
                    sizeof(float) * m_cols);
        m_batchY[r] = m_trainY[src];
    }
    *loss = lossAndGradients(m_params, m_batchX.data(), m_batchY.data(), count, &m_grads);
    applyUpdate(m_grads);
    return true;
}

bool CpuEngine::evaluate(DataSplit split, Evaluation *out)
{
    const std::vector<float> &x = split == DataSplit::Train ? m_trainX : m_valX;
    const std::vector<int> &y = split == DataSplit::Train ? m_trainY : m_valY;
    const int rows = int(y.size());
    if (rows == 0) {
        *out = {};
        return true;
    }
    // In chunks, summing row losses in row order, as the CUDA engine does.
    constexpr int chunk = 1024;
    double lossSum = 0;
    long long hits = 0;
    for (int start = 0; start < rows; start += chunk) {
        const int n = std::min(chunk, rows - start);
        int correct = 0;
        lossSum += lossAndGradients(m_params, x.data() + std::size_t(start) * m_cols, y.data() + start, n,
                                    nullptr, &correct) *
                   n;
        hits += correct;
    }
    out->loss = lossSum / rows;
    out->accuracy = double(hits) / rows;
    return true;
}

} // namespace lab
