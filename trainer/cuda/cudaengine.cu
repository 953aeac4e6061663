// The CUDA engine: cuBLAS SGEMM for the matrix products, small kernels for the rest. It follows
// CpuEngine step by step (same float32 formulas, same row order in every reduction that is not a
// GEMM, compiled with --fmad=false) so the two agree within the tolerance stated in engine.h.
#include "../cudasupport.h"

#include <cublas_v2.h>
#include <cuda_runtime.h>

#include <dlfcn.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace lab {

namespace {

constexpr int kThreads = 256;
constexpr int kEvalChunk = 1024; // CpuEngine::evaluate uses the same chunk

int blocksFor(long long n)
{
    return int(std::min<long long>((n + kThreads - 1) / kThreads, 65535));
}

__global__ void gatherRows(const float *x, const int *y, const int *indices, int rows, int cols, float *outX,
                           int *outY)
{
    for (int r = blockIdx.x; r < rows; r += gridDim.x) {
        const int src = indices[r];
        for (int c = threadIdx.x; c < cols; c += blockDim.x)
            outX[(long long)r * cols + c] = x[(long long)src * cols + c];
        if (threadIdx.x == 0)
            outY[r] = y[src];
    }
}

__global__ void addBias(float *z, const float *b, int rows, int cols, bool relu)
{
    const long long n = (long long)rows * cols;
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x) {
        const float v = z[i] + b[i % cols];
        z[i] = relu ? (v > 0 ? v : 0.0f) : v;
    }
}

// One thread per row, classes in order, as CpuEngine::lossAndGradients.
__global__ void softmaxCrossEntropy(const float *logits, const int *y, int rows, int classes, float invRows,
                                    float *rowLoss, int *rowCorrect, float *delta)
{
    const int r = blockIdx.x * blockDim.x + threadIdx.x;
    if (r >= rows)
        return;
    const float *z = logits + (long long)r * classes;
    int best = 0;
    for (int c = 1; c < classes; ++c)
        if (z[c] > z[best])
            best = c;
    const float m = z[best];
    float s = 0;
    for (int c = 0; c < classes; ++c)
        s += expf(z[c] - m);
    const int label = y[r];
    rowLoss[r] = m + logf(s) - z[label];
    rowCorrect[r] = best == label;
    if (delta) {
        float *d = delta + (long long)r * classes;
        for (int c = 0; c < classes; ++c)
            d[c] = (expf(z[c] - m) / s - (c == label ? 1.0f : 0.0f)) * invRows;
    }
}

// db[o] = sum over rows in row order (no atomics, so the result is deterministic).
__global__ void columnSums(const float *delta, int rows, int cols, float *db)
{
    const int o = blockIdx.x * blockDim.x + threadIdx.x;
    if (o >= cols)
        return;
    float s = 0;
    for (int r = 0; r < rows; ++r)
        s += delta[(long long)r * cols + o];
    db[o] = s;
}

__global__ void reluMask(float *grad, const float *activation, long long n)
{
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x)
        if (!(activation[i] > 0))
            grad[i] = 0;
}

__global__ void sgdUpdate(float *w, const float *g, long long n, float lr)
{
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x)
        w[i] -= lr * g[i];
}

__global__ void adamUpdate(float *w, const float *g, float *m, float *v, long long n, float lr, float b1, float b2,
                           float eps, float bc1, float bc2)
{
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x) {
        const float gi = g[i];
        const float mi = b1 * m[i] + (1.0f - b1) * gi;
        const float vi = b2 * v[i] + (1.0f - b2) * (gi * gi);
        m[i] = mi;
        v[i] = vi;
        const float mhat = mi / bc1;
        const float vhat = vi / bc2;
        w[i] -= lr * mhat / (sqrtf(vhat) + eps);
    }
}

// A device buffer that frees itself.
template <typename T>
class DeviceArray
{
public:
    DeviceArray() = default;
    DeviceArray(const DeviceArray &) = delete;
    DeviceArray &operator=(const DeviceArray &) = delete;
    ~DeviceArray() { cudaFree(m_ptr); }

    cudaError_t resize(std::size_t n)
    {
        if (n <= m_size && m_ptr)
            return cudaSuccess;
        cudaFree(m_ptr);
        m_ptr = nullptr;
        m_size = 0;
        const cudaError_t e = cudaMalloc(reinterpret_cast<void **>(&m_ptr), std::max<std::size_t>(n, 1) * sizeof(T));
        if (e == cudaSuccess)
            m_size = n;
        return e;
    }
    T *get() const { return m_ptr; }

private:
    T *m_ptr = nullptr;
    std::size_t m_size = 0;
};

class CudaEngine : public Engine
{
public:
    explicit CudaEngine(const OptimizerSettings &optimizer) : m_optimizer(optimizer) {}
    ~CudaEngine() override
    {
        if (m_blas)
            cublasDestroy(m_blas);
    }

    bool initialise()
    {
        if (!check(cudaSetDevice(0), "cudaSetDevice"))
            return false;
        cudaDeviceProp prop{};
        if (!check(cudaGetDeviceProperties(&prop, 0), "cudaGetDeviceProperties"))
            return false;
        m_description = std::string(prop.name) + " (sm_" + std::to_string(prop.major) + std::to_string(prop.minor) + ")";
        if (!checkBlas(cublasCreate(&m_blas), "cublasCreate"))
            return false;
        // Full float32 GEMMs (no TF32), so the results stay comparable with the CPU engine.
        return checkBlas(cublasSetMathMode(m_blas, CUBLAS_DEFAULT_MATH), "cublasSetMathMode");
    }

    std::string deviceName() const override { return "cuda"; }
    std::string description() const override { return m_description; }

    bool setData(const DataView &train, const DataView &validation) override
    {
        m_cols = train.cols;
        m_trainRows = train.rows;
        m_valRows = validation.rows;
        return upload(m_trainX, train.x, std::size_t(train.rows) * train.cols) &&
               upload(m_trainY, train.y, std::size_t(train.rows)) &&
               upload(m_valX, validation.x, std::size_t(validation.rows) * validation.cols) &&
               upload(m_valY, validation.y, std::size_t(validation.rows));
    }

    bool setParameters(const ModelParameters &p) override
    {
        m_sizes = p.sizes;
        const int layers = p.layerCount();
        m_layers = std::vector<Layer>(layers);
        for (int l = 0; l < layers; ++l) {
            Layer &L = m_layers[l];
            const std::size_t nw = p.weights[l].size(), nb = p.biases[l].size();
            if (!upload(L.w, p.weights[l].data(), nw) || !upload(L.b, p.biases[l].data(), nb))
                return false;
            for (DeviceArray<float> *a : {&L.gw, &L.mw, &L.vw})
                if (!zeros(*a, nw))
                    return false;
            for (DeviceArray<float> *a : {&L.gb, &L.mb, &L.vb})
                if (!zeros(*a, nb))
                    return false;
        }
        m_step = 0;
        m_capacity = 0;
        return true;
    }

    bool parameters(ModelParameters *out) override
    {
        out->sizes = m_sizes;
        out->weights.assign(m_layers.size(), {});
        out->biases.assign(m_layers.size(), {});
        for (std::size_t l = 0; l < m_layers.size(); ++l) {
            out->weights[l].resize(std::size_t(m_sizes[l]) * m_sizes[l + 1]);
            out->biases[l].resize(std::size_t(m_sizes[l + 1]));
            if (!check(cudaMemcpy(out->weights[l].data(), m_layers[l].w.get(), out->weights[l].size() * sizeof(float),
                                  cudaMemcpyDeviceToHost),
                       "cudaMemcpy") ||
                !check(cudaMemcpy(out->biases[l].data(), m_layers[l].b.get(), out->biases[l].size() * sizeof(float),
                                  cudaMemcpyDeviceToHost),
                       "cudaMemcpy"))
                return false;
        }
        return true;
    }

    bool trainBatch(const int *indices, int count, double *loss) override
    {
        if (!reserve(count) || !upload(m_indices, indices, std::size_t(count)))
            return false;
        gatherRows<<<std::min(count, 65535), 64>>>(m_trainX.get(), m_trainY.get(), m_indices.get(), count, m_cols,
                                                    m_acts[0].get(), m_batchY.get());
        if (!forward(m_acts[0].get(), count) || !lossRows(m_batchY.get(), count, /*withDelta=*/true, loss, nullptr) ||
            !backward(count))
            return false;
        return update();
    }

    bool evaluate(DataSplit split, Evaluation *out) override
    {
        const bool train = split == DataSplit::Train;
        const int rows = train ? m_trainRows : m_valRows;
        const float *x = train ? m_trainX.get() : m_valX.get();
        const int *y = train ? m_trainY.get() : m_valY.get();
        *out = {};
        if (rows == 0)
            return true;
        double lossSum = 0;
        long long hits = 0;
        for (int start = 0; start < rows; start += kEvalChunk) {
            const int n = std::min(kEvalChunk, rows - start);
            if (!reserve(n))
                return false;
            double chunkLoss = 0;
            long long chunkHits = 0;
            if (!forward(x + (long long)start * m_cols, n) ||
                !lossRows(y + start, n, /*withDelta=*/false, &chunkLoss, &chunkHits))
                return false;
            lossSum += chunkLoss * n;
            hits += chunkHits;
        }
        out->loss = lossSum / rows;
        out->accuracy = double(hits) / rows;
        return true;
    }

private:
    struct Layer
    {
        DeviceArray<float> w, b, gw, gb, mw, vw, mb, vb;
    };

    bool check(cudaError_t e, const char *what)
    {
        if (e == cudaSuccess)
            return true;
        m_lastError = std::string(what) + ": " + cudaGetErrorString(e);
        return false;
    }
    bool checkBlas(cublasStatus_t s, const char *what)
    {
        if (s == CUBLAS_STATUS_SUCCESS)
            return true;
        m_lastError = std::string(what) + ": " + cublasGetStatusString(s);
        return false;
    }
    bool launched(const char *what) { return check(cudaGetLastError(), what); }

    template <typename T>
    bool upload(DeviceArray<T> &dst, const T *src, std::size_t n)
    {
        return check(dst.resize(n), "cudaMalloc") &&
               (n == 0 || check(cudaMemcpy(dst.get(), src, n * sizeof(T), cudaMemcpyHostToDevice), "cudaMemcpy"));
    }
    bool zeros(DeviceArray<float> &dst, std::size_t n)
    {
        return check(dst.resize(n), "cudaMalloc") && check(cudaMemset(dst.get(), 0, n * sizeof(float)), "cudaMemset");
    }

    // Activation and gradient buffers for `rows` rows.
    bool reserve(int rows)
    {
        if (rows <= m_capacity)
            return true;
        const int layers = int(m_layers.size());
        m_acts = std::vector<DeviceArray<float>>(layers + 1);
        int widest = 0;
        for (int s : m_sizes)
            widest = std::max(widest, s);
        for (int l = 0; l <= layers; ++l)
            if (!check(m_acts[l].resize(std::size_t(rows) * m_sizes[l]), "cudaMalloc"))
                return false;
        if (!check(m_deltaA.resize(std::size_t(rows) * widest), "cudaMalloc") ||
            !check(m_deltaB.resize(std::size_t(rows) * widest), "cudaMalloc") ||
            !check(m_rowLoss.resize(rows), "cudaMalloc") || !check(m_rowCorrect.resize(rows), "cudaMalloc") ||
            !check(m_batchY.resize(rows), "cudaMalloc"))
            return false;
        m_hostLoss.resize(rows);
        m_hostCorrect.resize(rows);
        m_capacity = rows;
        return true;
    }

    // Row-major A[rows][in] times W[out][in]^T into Z[rows][out]: in cuBLAS's column-major view
    // that is Z^T = W * A^T, i.e. gemm(T, N) on the same buffers.
    bool forward(const float *input, int rows)
    {
        const float one = 1.0f, zero = 0.0f;
        const int layers = int(m_layers.size());
        for (int l = 0; l < layers; ++l) {
            const int nin = m_sizes[l], nout = m_sizes[l + 1];
            const float *a = l == 0 ? input : m_acts[l].get();
            float *z = m_acts[l + 1].get();
            if (!checkBlas(cublasSgemm(m_blas, CUBLAS_OP_T, CUBLAS_OP_N, nout, rows, nin, &one, m_layers[l].w.get(),
                                       nin, a, nin, &zero, z, nout),
                           "cublasSgemm"))
                return false;
            addBias<<<blocksFor((long long)rows * nout), kThreads>>>(z, m_layers[l].b.get(), rows, nout, l + 1 < layers);
            if (!launched("addBias"))
                return false;
        }
        m_input = input;
        return true;
    }

    bool lossRows(const int *y, int rows, bool withDelta, double *meanLoss, long long *hits)
    {
        const int classes = m_sizes.back();
        softmaxCrossEntropy<<<(rows + kThreads - 1) / kThreads, kThreads>>>(
            m_acts.back().get(), y, rows, classes, 1.0f / float(rows), m_rowLoss.get(), m_rowCorrect.get(),
            withDelta ? m_deltaA.get() : nullptr);
        if (!launched("softmaxCrossEntropy") ||
            !check(cudaMemcpy(m_hostLoss.data(), m_rowLoss.get(), rows * sizeof(float), cudaMemcpyDeviceToHost),
                   "cudaMemcpy") ||
            !check(cudaMemcpy(m_hostCorrect.data(), m_rowCorrect.get(), rows * sizeof(int), cudaMemcpyDeviceToHost),
                   "cudaMemcpy"))
            return false;
        // Summed on the host in row order, in double, like the CPU engine.
        double sum = 0;
        long long correct = 0;
        for (int r = 0; r < rows; ++r) {
            sum += double(m_hostLoss[r]);
            correct += m_hostCorrect[r];
        }
        *meanLoss = sum / rows;
        if (hits)
            *hits = correct;
        return true;
    }

    bool backward(int rows)
    {
        const float one = 1.0f, zero = 0.0f;
        float *delta = m_deltaA.get();
        float *prev = m_deltaB.get();
        for (int l = int(m_layers.size()) - 1; l >= 0; --l) {
            const int nin = m_sizes[l], nout = m_sizes[l + 1];
            const float *a = l == 0 ? m_input : m_acts[l].get();
            Layer &L = m_layers[l];
            // dW[out][in] = delta^T A: column-major dW^T = A^T * delta, gemm(N, T).
            if (!checkBlas(cublasSgemm(m_blas, CUBLAS_OP_N, CUBLAS_OP_T, nin, nout, rows, &one, a, nin, delta, nout,
                                       &zero, L.gw.get(), nin),
                           "cublasSgemm"))
                return false;
            columnSums<<<(nout + kThreads - 1) / kThreads, kThreads>>>(delta, rows, nout, L.gb.get());
            if (!launched("columnSums"))
                return false;
            if (l == 0)
                break;
            // dA[rows][in] = delta W: column-major dA^T = W^T * delta^T, gemm(N, N).
            if (!checkBlas(cublasSgemm(m_blas, CUBLAS_OP_N, CUBLAS_OP_N, nin, rows, nout, &one, L.w.get(), nin, delta,
                                       nout, &zero, prev, nin),
                           "cublasSgemm"))
                return false;
            reluMask<<<blocksFor((long long)rows * nin), kThreads>>>(prev, m_acts[l].get(), (long long)rows * nin);
            if (!launched("reluMask"))
                return false;
            std::swap(delta, prev);
        }
        return true;
    }

    bool update()
    {
        ++m_step;
        const float lr = m_optimizer.learningRate;
        const float bc1 = float(1.0 - std::pow(double(m_optimizer.beta1), double(m_step)));
        const float bc2 = float(1.0 - std::pow(double(m_optimizer.beta2), double(m_step)));
        for (std::size_t l = 0; l < m_layers.size(); ++l) {
            Layer &L = m_layers[l];
            const long long nw = (long long)m_sizes[l] * m_sizes[l + 1], nb = m_sizes[l + 1];
            if (m_optimizer.kind == OptimizerSettings::Kind::Sgd) {
                sgdUpdate<<<blocksFor(nw), kThreads>>>(L.w.get(), L.gw.get(), nw, lr);
                sgdUpdate<<<blocksFor(nb), kThreads>>>(L.b.get(), L.gb.get(), nb, lr);
            } else {
                adamUpdate<<<blocksFor(nw), kThreads>>>(L.w.get(), L.gw.get(), L.mw.get(), L.vw.get(), nw, lr,
                                                        m_optimizer.beta1, m_optimizer.beta2, m_optimizer.epsilon, bc1,
                                                        bc2);
                adamUpdate<<<blocksFor(nb), kThreads>>>(L.b.get(), L.gb.get(), L.mb.get(), L.vb.get(), nb, lr,
                                                        m_optimizer.beta1, m_optimizer.beta2, m_optimizer.epsilon, bc1,
                                                        bc2);
            }
            if (!launched("update"))
                return false;
        }
        return true;
    }

    OptimizerSettings m_optimizer;
    std::string m_description;
    cublasHandle_t m_blas = nullptr;
    std::vector<int> m_sizes;
    std::vector<Layer> m_layers;
    long long m_step = 0;
    int m_cols = 0, m_trainRows = 0, m_valRows = 0, m_capacity = 0;
    DeviceArray<float> m_trainX, m_valX, m_deltaA, m_deltaB, m_rowLoss;
    DeviceArray<int> m_trainY, m_valY, m_indices, m_batchY, m_rowCorrect;
    std::vector<DeviceArray<float>> m_acts;
    const float *m_input = nullptr;
    std::vector<float> m_hostLoss;
    std::vector<int> m_hostCorrect;
};

} // namespace

bool cudaCompiledIn()
{
    return true;
}

CudaProbe probeCuda()
{
    CudaProbe p;
    int count = 0;
    const cudaError_t e = cudaGetDeviceCount(&count);
    if (e != cudaSuccess) {
        p.reason = std::string("the CUDA runtime reports ") + cudaGetErrorString(e);
        if (e == cudaErrorInsufficientDriver) {
            // Also what the runtime says when there is no driver at all: say that instead.
            void *driver = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
            if (!driver)
                p.reason = "no NVIDIA driver is installed (libcuda.so.1 cannot be loaded)";
            else
                dlclose(driver);
        }
        cudaGetLastError(); // clear the error state so a later CPU fallback starts clean
        return p;
    }
    if (count == 0) {
        p.reason = "the CUDA runtime reports no CUDA-capable device";
        return p;
    }
    cudaDeviceProp prop{};
    if (cudaGetDeviceProperties(&prop, 0) != cudaSuccess) {
        p.reason = "cannot read the properties of CUDA device 0";
        return p;
    }
    char bus[32] = {};
    if (cudaDeviceGetPCIBusId(bus, sizeof bus, 0) == cudaSuccess)
        p.pciBusId = bus;
    p.available = true;
    p.name = prop.name;
    p.computeMajor = prop.major;
    p.computeMinor = prop.minor;
    p.memoryBytes = prop.totalGlobalMem;
    return p;
}

std::unique_ptr<Engine> createCudaEngine(const OptimizerSettings &optimizer, std::string *error)
{
    auto engine = std::make_unique<CudaEngine>(optimizer);
    if (!engine->initialise()) {
        *error = engine->lastError();
        return nullptr;
    }
    return engine;
}

} // namespace lab
