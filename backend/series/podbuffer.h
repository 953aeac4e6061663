#pragma once

#include <QtGlobal>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <span>
#include <type_traits>
#include <utility>

namespace lab {

namespace detail {
// Memory blocks for PodBuffer. Blocks of at least MappedBlockBytes are mapped pages (Linux) and
// grow with mremap(), which moves page tables, never bytes; smaller ones come from malloc.
// Which kind a block is follows from its size, so callers pass the size they were given.
inline constexpr std::size_t MappedBlockBytes = std::size_t(1) << 20;
// Resizes `block` (nullptr: none) of `oldBytes` to at least `newBytes` (0: frees it) keeping
// min(oldBytes, newBytes) bytes; returns the block and sets *gotBytes to its usable size
// (page-rounded for mapped blocks). Never returns null for newBytes > 0 (allocation failure is
// reported like operator new's).
void *resizeBlock(void *block, std::size_t oldBytes, std::size_t newBytes, std::size_t *gotBytes);
} // namespace detail

// A growable array of trivially copyable values in one contiguous block.
//
// Why not std::vector: a metric series must stay under 26 bytes per point including growth slack,
// which rules out the usual 1.5x-2x growth (up to 48 bytes per point for three 8-byte columns).
// Growing by only 1/32 with std::vector would copy every element ~32 times over a series' life.
// Here large blocks are mapped pages grown in place or moved by mremap(), so the small growth
// step costs no copying. Slack is at most max(capacity / 32, MinGrowth) elements (plus the
// rest of the last page); MinGrowth keeps tiny buffers from reallocating on every append.
template <typename T, std::size_t MinGrowth = 256> class PodBuffer
{
    static_assert(std::is_trivially_copyable_v<T>, "PodBuffer holds trivially copyable values only");

public:
    PodBuffer() = default;
    ~PodBuffer() { release(); }

    PodBuffer(const PodBuffer &other) { assign(other); }
    PodBuffer &operator=(const PodBuffer &other)
    {
        if (this != &other) {
            release();
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
            release();
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
    // Room for at least n elements (never below the size).
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
        if (m_data) {
            std::size_t got = 0;
            detail::resizeBlock(m_data, m_capacity * sizeof(T), 0, &got);
        }
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
        std::size_t got = 0;
        m_data = static_cast<T *>(detail::resizeBlock(m_data, m_capacity * sizeof(T), n * sizeof(T), &got));
        m_capacity = got / sizeof(T);
    }

    T *m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};

} // namespace lab
