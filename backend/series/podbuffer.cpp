#include "series/podbuffer.h"

#include <cstdint>
#include <cstdlib>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace lab::detail {

namespace {

#if defined(__linux__)
std::size_t pageBytes()
{
    static const std::size_t page = [] {
        const long p = ::sysconf(_SC_PAGESIZE);
        return p > 0 ? std::size_t(p) : std::size_t(4096);
    }();
    return page;
}

std::size_t roundToPages(std::size_t bytes)
{
    const std::size_t page = pageBytes();
    return (bytes + page - 1) / page * page;
}

// Transparent huge pages for the 2 MB-aligned part of a large mapping (advice only; where the
// kernel has them off, nothing changes). A decimation reads a little of every 40 KB of a 10M-point
// series, which with 4 KB pages is mostly TLB misses; and filling a series takes 512 times fewer
// page faults.
void adviseHugePages(void *block, std::size_t bytes)
{
#if defined(MADV_HUGEPAGE)
    // The whole mapping, not just its 2 MB-aligned middle: advice on part of it would split it
    // into several mappings, which mremap() cannot grow.
    if (bytes >= 2 * (std::size_t(2) << 20))
        ::madvise(block, bytes, MADV_HUGEPAGE);
#else
    (void)block;
    (void)bytes;
#endif
}

// Decided on the page-rounded size: a mapped block's owner may pass back a little less than it
// got (its capacity in whole elements), which rounds up to the same pages.
bool isMapped(std::size_t bytes)
{
    return roundToPages(bytes) >= MappedBlockBytes;
}
#endif

} // namespace

void *resizeBlock(void *block, std::size_t oldBytes, std::size_t newBytes, std::size_t *gotBytes)
{
#if defined(__linux__)
    const bool wasMapped = block && isMapped(oldBytes);
    if (newBytes == 0) {
        if (wasMapped)
            ::munmap(block, oldBytes);
        else
            std::free(block);
        *gotBytes = 0;
        return nullptr;
    }
    if (!isMapped(newBytes)) {
        void *p = nullptr;
        if (wasMapped) {
            p = std::malloc(newBytes);
            if (p) {
                std::memcpy(p, block, std::min(oldBytes, newBytes));
                ::munmap(block, oldBytes);
            }
        } else {
            p = std::realloc(block, newBytes);
        }
        if (!p)
            throw std::bad_alloc();
        *gotBytes = newBytes;
        return p;
    }
    const std::size_t bytes = roundToPages(newBytes);
    void *p = MAP_FAILED;
    if (wasMapped) {
        p = ::mremap(block, oldBytes, bytes, MREMAP_MAYMOVE);
    } else {
        p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p != MAP_FAILED && block) {
            std::memcpy(p, block, std::min(oldBytes, newBytes));
            std::free(block);
        }
    }
    if (p == MAP_FAILED)
        throw std::bad_alloc();
    adviseHugePages(p, bytes);
    *gotBytes = bytes;
    return p;
#else
    if (newBytes == 0) {
        std::free(block);
        *gotBytes = 0;
        return nullptr;
    }
    void *p = std::realloc(block, newBytes);
    if (!p)
        throw std::bad_alloc();
    *gotBytes = newBytes;
    return p;
#endif
}

} // namespace lab::detail
