#pragma once

#include <QtGlobal>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <span>
#include <type_traits>
#include <utility>

namespace lab {

// A growable array of trivially copyable values kept in one malloc'ed block.
//
// Why not std::vector: a metric series must stay under 26 bytes per point including growth slack,
// which rules out the usual 1.5x-2x growth (up to 48 bytes per point for three 8-byte columns).
// Growing by only 1/32 with std::vector would copy every element ~32 times over a series' life;
// realloc() instead lets glibc grow large blocks (which are mmap'ed) with mremap, moving page
// tables rather than bytes, so the small growth step stays cheap. Slack is at most
// max(capacity / 32, MinGrowth) elements; MinGrowth keeps tiny buffers from reallocating on
// every append.
template<typename T, std::size_t MinGrowth = 256>
class PodBuffer
{
    static_assert(std::is_trivially_copyable_v<T>, "PodBuffer holds trivially copyable values only");

public:
    PodBuffer() = default;
    ~PodBuffer() { std::free(m_data); }

    PodBuffer(const PodBuffer &other) { assign(other); }
    PodBuffer &operator=(const PodBuffer &other)
    {
        if (this != &other) {
            std::free(m_data);
            m_data = nullptr;
            m_size = m_capacity = 0;
            assign(other);
        }
        return *this;
    }
    PodBuffer(PodBuffer &&other) noexcept
        : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)),
          m_capacity(std::exchange(other.m_capacity, 0))
    {
    }
    PodBuffer &operator=(PodBuffer &&other) noexcept
    {
        if (this != &other) {
            std::free(m_data);
            m_data = std::exchange(other.m_data, nullptr);
            m_size = std::exchange(other.m_size, 0);
            m_capacity = std::exchange(other.m_capacity, 0);
        }
        return *this;
    }

    std::size_t size() const { return m_size; }
    std::size_t capacity() const { return m_capacity; }
    bool empty() const { return m_size == 0; }
    const T *data() const { return m_data; }
    T *data() { return m_data; }
    const T &operator[](std::size_t i) const { return m_data[i]; }
    T &operator[](std::size_t i) { return m_data[i]; }
    const T &back() const { return m_data[m_size - 1]; }
    T &back() { return m_data[m_size - 1]; }
    std::span<const T> span() const { return {m_data, m_size}; }

    // Makes room for `extra` more elements using the small growth step.
    void growFor(std::size_t extra)
    {
        const std::size_t needed = m_size + extra;
        if (needed <= m_capacity)
            return;
        setCapacity(std::max(needed, m_capacity + std::max(m_capacity / 32, MinGrowth)));
    }
    // Exactly n elements of capacity (never below the size).
    void reserve(std::size_t n)
    {
        if (n > m_capacity)
            setCapacity(n);
    }
    void shrinkToFit()
    {
        if (m_capacity > m_size)
            setCapacity(m_size);
    }
    void push_back(const T &value)
    {
        if (m_size == m_capacity)
            growFor(1);
        m_data[m_size++] = value;
    }
    void append(const T *values, std::size_t n)
    {
        if (n == 0)
            return;
        growFor(n);
        std::memcpy(m_data + m_size, values, n * sizeof(T));
        m_size += n;
    }
    // New elements are set to `fill`.
    void resize(std::size_t n, const T &fill = T{})
    {
        if (n > m_size) {
            growFor(n - m_size);
            std::fill(m_data + m_size, m_data + n, fill);
        }
        m_size = n;
    }
    void clear() { m_size = 0; }
    // Releases the memory as well.
    void release()
    {
        std::free(m_data);
        m_data = nullptr;
        m_size = m_capacity = 0;
    }

private:
    void assign(const PodBuffer &other)
    {
        if (other.m_size == 0)
            return;
        setCapacity(other.m_size);
        std::memcpy(m_data, other.m_data, other.m_size * sizeof(T));
        m_size = other.m_size;
    }
    void setCapacity(std::size_t n)
    {
        if (n == 0) {
            release();
            return;
        }
        void *p = std::realloc(m_data, n * sizeof(T));
        Q_CHECK_PTR(p);
        m_data = static_cast<T *>(p);
        m_capacity = n;
    }

    T *m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};

} // namespace lab
