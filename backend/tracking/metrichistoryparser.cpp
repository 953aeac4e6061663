#include "metrichistoryparser.h"

#include "series/metricseries.h"
#include "series/podbuffer.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace lab {

namespace {

namespace od = simdjson::ondemand;

// The same limit as MlflowJson::MaxDepth, so both readers reject the same documents.
constexpr int MaxDepth = 128;
// The parser and scratch buffers are kept per thread between calls (live polls parse many small
// pages, and the parser's allocation is most of a small page's cost). After a body larger than
// this they stay only until the thread's next smaller body, so a series of large pages reuses them
// but one 100 MB response does not pin its parser memory (~1.8x the body) for long.
constexpr std::size_t KeepBytes = std::size_t(16) << 20;

QString tr(const char *text)
{
    return QCoreApplication::translate("lab::MetricHistoryParser", text);
}

// simdjson reads up to SIMDJSON_PADDING bytes past the end of the input (vector loads that
// overrun the last string, one peek at the byte after the end); it never acts on what it reads
// there. A QByteArrayView says nothing about what lies after it, but when the padding lies on the
// same memory page as the last byte, the read cannot fault, so the bytes are parsed in place
// (all but ~1.6% of inputs). Otherwise they are copied into a buffer that has the padding: on a
// 90 MB body the copy and its fresh pages cost about as much as the parse itself.
bool paddingReadable(const char *data, std::size_t size)
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    Q_UNUSED(data);
    Q_UNUSED(size);
    return false; // sanitizers (rightly) report the over-read
#else
    constexpr std::uintptr_t PageSize = 4096; // the smallest page size of the platforms we build for
    if (size == 0)
        return false;
    const std::uintptr_t last = reinterpret_cast<std::uintptr_t>(data + size - 1);
    return last % PageSize + simdjson::SIMDJSON_PADDING < PageSize;
#endif
}

struct ThreadState
{
    od::parser parser;
    std::unique_ptr<char[]> buffer;
    std::size_t capacity = 0;
    PodBuffer<qint64> steps;
    PodBuffer<qint64> timestamps;
    PodBuffer<double> values;

    const char *pad(const char *data, std::size_t size)
    {
        if (paddingReadable(data, size))
            return data;
        if (capacity < size + simdjson::SIMDJSON_PADDING) {
            capacity = size + simdjson::SIMDJSON_PADDING;
            buffer.reset(new char[capacity]);
        }
        std::memcpy(buffer.get(), data, size);
        std::memset(buffer.get() + size, ' ', simdjson::SIMDJSON_PADDING);
        return buffer.get();
    }

    // Readies the state for a body of `inputSize` bytes.
    void begin(std::size_t inputSize)
    {
        steps.clear();
        timestamps.clear();
        values.clear();
        const bool oversized = parser.capacity() > KeepBytes || capacity > KeepBytes ||
                               steps.capacity() * sizeof(qint64) > KeepBytes;
        if (inputSize <= KeepBytes && oversized) {
            parser = od::parser{};
            buffer.reset();
            capacity = 0;
            steps.release();
            timestamps.release();
            values.release();
        }
    }
};

ThreadState &threadState()
{
    thread_local ThreadState state;
    return state;
}

enum class Field { Unknown, Key, Value, Timestamp, Step, RunId, Metrics, NextPageToken };

// `raw` points into the padded input, so reading N bytes from it stays inside the buffer even
// when the key is shorter; with N known the comparison compiles to a few loads, not a call.
template <std::size_t N> bool rawKeyIs(const char *raw, const char (&name)[N])
{
    return std::memcmp(raw, name, N - 1) == 0 && raw[N - 1] == '"';
}

// Field names compared on their raw bytes (no unescaping on the hot path); a key written with
// escapes falls back to the unescaped comparison.
Field classify(std::string_view key)
{
    switch (key.size()) {
    case 3:
        return key == "key" ? Field::Key : Field::Unknown;
    case 4:
        return key == "step" ? Field::Step : Field::Unknown;
    case 5:
        return key == "value" ? Field::Value : Field::Unknown;
    case 6:
        return key == "run_id" ? Field::RunId : Field::Unknown;
    case 7:
        return key == "metrics" ? Field::Metrics : Field::Unknown;
    case 9:
        return key == "timestamp" ? Field::Timestamp : Field::Unknown;
    case 15:
        return key == "next_page_token" ? Field::NextPageToken : Field::Unknown;
    default:
        return Field::Unknown;
    }
}

[[gnu::always_inline]] inline Field classifyRaw(const char *raw)
{
    switch (raw[0]) {
    case 'k':
        return rawKeyIs(raw, "key") ? Field::Key : Field::Unknown;
    case 'v':
        return rawKeyIs(raw, "value") ? Field::Value : Field::Unknown;
    case 't':
        return rawKeyIs(raw, "timestamp") ? Field::Timestamp : Field::Unknown;
    case 's':
        return rawKeyIs(raw, "step") ? Field::Step : Field::Unknown;
    case 'r':
        return rawKeyIs(raw, "run_id") ? Field::RunId : Field::Unknown;
    case 'm':
        return rawKeyIs(raw, "metrics") ? Field::Metrics : Field::Unknown;
    case 'n':
        return rawKeyIs(raw, "next_page_token") ? Field::NextPageToken : Field::Unknown;
    default:
        return Field::Unknown;
    }
}

bool hasEscape(const char *raw)
{
    for (const char *p = raw; *p != '"'; ++p)
        if (*p == '\\')
            return true;
    return false;
}

// Deepest nesting inside the raw text of a value (strings skipped). Only values of unknown
// fields that are containers come here: simdjson skips them without recursion, but a body nested
// beyond MaxDepth is rejected the same way MlflowJson::parse rejects it.
int nestingDepth(std::string_view raw)
{
    int depth = 0, deepest = 0;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '"') {
            for (++i; i < raw.size() && raw[i] != '"'; ++i)
                if (raw[i] == '\\')
                    ++i;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

// Where a value's token starts, or null past the last token: what current_location() says on the
// hot path, but inline (current_location() is an out-of-line call whose result comes back through
// memory, a stall per call: ~9% of a paged parse). A token is never empty; the position past the
// last one is (simdjson ends the index with two entries at the input's end).
[[gnu::always_inline]] inline const char *tokenOf(od::value &v)
{
    const std::string_view token = v.raw_json_token();
    return token.empty() ? nullptr : token.data();
}

class Reader
{
public:
    Reader(const char *begin, std::size_t size) : m_begin(begin), m_size(size) {}

    Error error() const { return m_error; }

    // A syntax error (or truncation) reported by simdjson at `where` (null: unknown).
    bool fail(simdjson::error_code code, const char *where)
    {
        using namespace simdjson;
        const std::size_t offset = offsetOf(code, where);
        QString what;
        switch (code) {
        case INCOMPLETE_ARRAY_OR_OBJECT:
        case UNCLOSED_STRING:
        case EMPTY:
            what = tr("The metric history ends early, at byte %1 (the response was cut off).");
            break;
        case UTF8_ERROR:
            what = tr("The metric history is not valid UTF-8 (near byte %1).");
            break;
        case DEPTH_ERROR:
            return tooDeep(where);
        case CAPACITY:
        case MEMALLOC:
            what = tr("The metric history is too large to parse (%1 bytes).");
            return fail(makeError(what.arg(m_size), QStringLiteral("INVALID_JSON"),
                                  QString::fromUtf8(error_message(code))));
        default:
            what = tr("The metric history is not valid JSON: error at byte %1.");
            break;
        }
        return fail(makeError(what.arg(offset), QStringLiteral("INVALID_JSON"),
                              QString::fromUtf8(error_message(code))));
    }

    // A document that is JSON but not a metric history.
    bool shape(const QString &what, const char *where, const QString &field = {})
    {
        const std::size_t offset = offsetOf(simdjson::SUCCESS, where);
        return fail(makeError(
            tr("The metric history does not have the expected shape at byte %1: %2.").arg(offset).arg(what),
            QStringLiteral("INVALID_JSON_SHAPE"), field));
    }

    bool tooDeep(const char *where)
    {
        return fail(makeError(tr("The metric history is nested more than %1 levels deep (at byte %2).")
                                  .arg(MaxDepth)
                                  .arg(offsetOf(simdjson::SUCCESS, where)),
                              QStringLiteral("JSON_TOO_DEEP")));
    }

    void setDocument(od::document *doc) { m_doc = doc; }
    // Where the parser is in the document (null: past its end).
    const char *here() { return m_doc ? locate(*m_doc) : nullptr; }

    // Where a value starts, for messages; only asked on the error path.
    template <typename V> [[gnu::always_inline]] const char *locate(V &v)
    {
        const char *p = nullptr;
        if (v.current_location().get(p) != simdjson::SUCCESS)
            return nullptr;
        return p;
    }

    // Skips a field we do not read; containers are checked for depth first.
    [[gnu::noinline]] bool skip(od::value &v, int depth)
    {
        od::json_type type;
        if (auto e = v.type().get(type))
            return fail(e, locate(v));
        if (type != od::json_type::array && type != od::json_type::object)
            return true; // scalars are skipped by the next field access
        const char *where = locate(v);
        std::string_view raw;
        simdjson::error_code e = simdjson::SUCCESS;
        if (type == od::json_type::array) {
            od::array a;
            e = v.get_array().get(a);
            if (!e)
                e = a.raw_json().get(raw);
        } else {
            od::object o;
            e = v.get_object().get(o);
            if (!e)
                e = o.raw_json().get(raw);
        }
        if (e)
            return fail(e, where);
        if (depth + nestingDepth(raw) > MaxDepth)
            return tooDeep(where);
        return true;
    }

    [[gnu::noinline]] bool readInt64(od::value &v, qint64 *out, const char *name)
    {
        // the usual case first; a failed get does not consume the value
        std::int64_t fast = 0;
        if (v.get_int64().get(fast) == simdjson::SUCCESS) {
            *out = fast;
            return true;
        }
        // before any reader consumes the value (1e19 reads as a double, and is still rejected)
        const char *where = locate(v);
        od::json_type type;
        if (auto e = v.type().get(type))
            return fail(e, locate(v));
        switch (type) {
        case od::json_type::number: {
            std::int64_t i = 0;
            if (v.get_int64().get(i) == simdjson::SUCCESS) {
                *out = i;
                return true;
            }
            // protobuf's JSON mapping also accepts 1.0 or 1e3 for an int64
            double d = 0;
            if (v.get_double().get(d) == simdjson::SUCCESS && std::isfinite(d) && d == std::floor(d) &&
                std::fabs(d) < 9.2e18) {
                *out = qint64(d);
                return true;
            }
            break;
        }
        case od::json_type::string: {
            std::string_view s;
            if (auto e = v.get_string().get(s))
                return fail(e, where);
            std::int64_t i = 0;
            const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
            if (ec == std::errc() && end == s.data() + s.size() && !s.empty()) {
                *out = i;
                return true;
            }
            break;
        }
        case od::json_type::null:
            return true; // absent: protobuf's default
        default:
            break;
        }
        return shape(tr("field '%1' is not an integer").arg(QLatin1String(name)), where, QLatin1String(name));
    }

    [[gnu::noinline]] bool readDouble(od::value &v, double *out)
    {
        if (v.get_double().get(*out) == simdjson::SUCCESS)
            return true;
        const char *where = nullptr;
        od::json_type type;
        if (auto e = v.type().get(type))
            return fail(e, locate(v));
        switch (type) {
        case od::json_type::number:
            if (v.get_double().get(*out) == simdjson::SUCCESS)
                return true;
            break;
        case od::json_type::string: {
            where = locate(v);
            std::string_view s;
            if (auto e = v.get_string().get(s))
                return fail(e, where);
            if (s == "NaN") {
                *out = std::numeric_limits<double>::quiet_NaN();
                return true;
            }
            if (s == "Infinity") {
                *out = std::numeric_limits<double>::infinity();
                return true;
            }
            if (s == "-Infinity") {
                *out = -std::numeric_limits<double>::infinity();
                return true;
            }
            // protobuf also accepts a number written as a string
            const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
            if (ec == std::errc() && end == s.data() + s.size() && !s.empty())
                return true;
            break;
        }
        case od::json_type::null:
            return true;
        default:
            break;
        }
        return shape(tr("a metric value is not a number"), where ? where : locate(v),
                     QStringLiteral("value"));
    }

    // Where a string field's token starts (null when the field is null), without reading it: the
    // value is left for the object iteration to skip.
    [[gnu::always_inline]] bool locateString(od::value &v, const char **at, const char *name)
    {
        const char *token = tokenOf(v);
        if (token && *token == '"') [[likely]] {
            *at = token;
            return true;
        }
        return locateOther(v, locate(v), at, name);
    }

    [[gnu::noinline]] bool locateOther(od::value &v, const char *where, const char **at, const char *name)
    {
        if (!where)
            return fail(simdjson::INCOMPLETE_ARRAY_OR_OBJECT, nullptr);
        if (*where == 'n') {
            bool isNull = false;
            if (v.is_null().get(isNull) == simdjson::SUCCESS && isNull) {
                *at = nullptr;
                return true;
            }
        }
        return shape(tr("field '%1' is not a string").arg(QLatin1String(name)), where, QLatin1String(name));
    }

    // A string field; null counts as absent.
    bool readString(od::value &v, std::string_view *out, bool *present, const char *name)
    {
        od::json_type type;
        if (auto e = v.type().get(type))
            return fail(e, locate(v));
        if (type == od::json_type::null) {
            *present = false;
            return true;
        }
        if (type != od::json_type::string)
            return shape(tr("field '%1' is not a string").arg(QLatin1String(name)), locate(v),
                         QLatin1String(name));
        if (auto e = v.get_string().get(*out))
            return fail(e, locate(v));
        *present = true;
        return true;
    }

    // Which known field `f` is.
    Field fieldOf(od::field &f)
    {
        const char *raw = f.key().raw();
        const Field known = classifyRaw(raw);
        return known != Field::Unknown ? known : fieldOfEscaped(raw, f);
    }

    // A field name that is not one of ours as written: it may still be one written with escapes.
    [[gnu::noinline]] Field fieldOfEscaped(const char *raw, od::field &f)
    {
        if (!hasEscape(raw))
            return Field::Unknown;
        std::string_view key;
        if (f.unescaped_key().get(key) != simdjson::SUCCESS)
            return Field::Unknown;
        return classify(key);
    }

    // get_object() on a metric failed with `e`.
    [[gnu::noinline]] bool objectExpected(simdjson::error_code e, od::value &element)
    {
        if (e == simdjson::INCORRECT_TYPE)
            return shape(tr("a metric is not an object"), locate(element), QStringLiteral("metrics"));
        return fail(e, locate(element));
    }

private:
    bool fail(Error e)
    {
        m_error = std::move(e);
        return false;
    }

    std::size_t offsetOf(simdjson::error_code code, const char *where) const
    {
        // simdjson finds truncation before it reads anything, so its location says nothing then
        if (code == simdjson::INCOMPLETE_ARRAY_OR_OBJECT || code == simdjson::EMPTY || where == nullptr ||
            where < m_begin || where > m_begin + m_size)
            return code == simdjson::SUCCESS && where == nullptr ? 0 : m_size;
        return std::size_t(where - m_begin);
    }

    const char *m_begin;
    std::size_t m_size;
    od::document *m_doc = nullptr;
    Error m_error;
};

// The value of eight decimal digits, given as the bytes 0-9, the most significant digit in the
// lowest byte (fast_float's SWAR reduction).
[[gnu::always_inline]] inline std::uint64_t eightDigits(std::uint64_t digits)
{
    digits = (digits * 10) + (digits >> 8);
    return (((digits & 0x000000FF000000FF) * (100 + (1000000ULL << 32))) +
            (((digits >> 16) & 0x000000FF000000FF) * (1 + (10000ULL << 32)))) >>
           32;
}

// The bytes of `chunk` that are not ASCII digits, as their high bits; exact up to the first one
// (the borrows and carries of the other bytes only run towards later bytes).
[[gnu::always_inline]] inline std::uint64_t nonDigits(std::uint64_t chunk)
{
    return ((chunk - 0x3030303030303030) | (chunk + 0x4646464646464646) | chunk) & 0x8080808080808080;
}

constexpr std::uint64_t PowersOfTen[8] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};

// An int64 as servers write timestamps and steps: '-'?, 1 to 15 digits without a leading zero,
// then the end of the token. Eight digits at a time: simdjson's integer reader takes one digit a
// step, and 13-digit timestamps made it a tenth of the whole parse. Every other form (strings,
// exponents, 16 digits or more, and everything invalid) returns false and goes to simdjson, which
// also reports the errors. `p` points at a token inside the padded input, so the 17 bytes read
// from it are readable.
[[gnu::always_inline]] inline bool plainInt64(const char *p, std::int64_t *out)
{
    const bool negative = *p == '-';
    p += negative;
    std::uint64_t first;
    std::memcpy(&first, p, 8);
    const std::uint64_t firstStop = nonDigits(first);
    std::uint64_t value;
    int count;
    if (firstStop) {
        count = std::countr_zero(firstStop) / 8;
        if (count == 0)
            return false;
        // the digits shifted to the top, behind zeros
        value = eightDigits((first - 0x3030303030303030) << (64 - 8 * count));
    } else {
        std::uint64_t second;
        std::memcpy(&second, p + 8, 8);
        const std::uint64_t secondStop = nonDigits(second);
        if (!secondStop)
            return false;
        const int more = std::countr_zero(secondStop) / 8;
        value = eightDigits(first - 0x3030303030303030);
        if (more > 0)
            value = value * PowersOfTen[more] + eightDigits((second - 0x3030303030303030) << (64 - 8 * more));
        count = 8 + more;
    }
    if (p[0] == '0' && count > 1)
        return false; // a leading zero: not JSON
    switch (p[count]) {
    case ',':
    case '}':
    case ']':
    case ' ':
    case '\n':
    case '\r':
    case '\t':
        break;
    default:
        return false; // a fraction, an exponent, or not a number
    }
    *out = negative ? -std::int64_t(value) : std::int64_t(value);
    return true;
}

// One point as the document had it; absent fields keep MLflow's defaults (0, empty).
struct Point
{
    // Where the key's and run id's string values start (their opening quote), or null when
    // absent: they are compared in place, and unescaped only when they differ (see sameString).
    const char *key = nullptr;
    const char *runId = nullptr;
    double value = 0;
    qint64 timestamp = 0;
    qint64 step = 0;
};

// The string token that starts at `at` (a quote), quotes included. Stage 1 has checked that every
// string in the document is closed.
std::string_view stringToken(const char *at, bool *escaped)
{
    std::size_t i = 1;
    *escaped = false;
    while (at[i] != '"') {
        if (at[i] == '\\') {
            *escaped = true;
            ++i;
        }
        ++i;
    }
    return std::string_view(at, i + 1);
}

// The unescaped text of the string token at `at`; false for an invalid escape (simdjson does not
// look inside values it did not unescape). Escapes are rare here, so nlohmann decodes them.
bool decodeString(const char *at, std::string *out)
{
    bool escaped = false;
    const std::string_view token = stringToken(at, &escaped);
    if (!escaped) {
        out->assign(token.data() + 1, token.size() - 2);
        return true;
    }
    try {
        *out = nlohmann::json::parse(token).get<std::string>();
        return true;
    } catch (const nlohmann::json::exception &) {
        return false;
    }
}

// Whether the string token at `at` stands for `text`: the bytes in place first (the usual case),
// the unescaped text when they differ and the token has escapes.
bool sameString(const char *at, std::string_view text)
{
    // byte by byte, stopping at the token's end (a memcmp could run past the input's padding)
    std::size_t i = 0;
    while (i < text.size() && at[i + 1] == text[i] && text[i] != '"')
        ++i;
    if (i == text.size() && at[i + 1] == '"')
        return true;
    bool escaped = false;
    stringToken(at, &escaped);
    std::string decoded;
    return escaped && decodeString(at, &decoded) && decoded == text;
}

// The hot loop (inlined into each document walker). Values as MLflow writes them (numbers) are
// read here; every other form, and every error, goes to the Reader's out-of-line readers. Fields
// and values are used in place, by reference: copying or moving a simdjson result out of the
// iterator's temporaries reloads it with wider loads than it was stored with, a store-forwarding
// stall on every field that cost more than all the parsing (perf annotate; ~130 -> ~85 ms on the
// 1M-point bench).
[[gnu::always_inline]] inline bool readPoint(Reader &r, od::value &element, Point *p, bool wantRunId)
{
    od::object obj;
    if (auto e = element.get_object().get(obj)) [[unlikely]]
        return r.objectExpected(e, element);
    for (auto fieldResult : obj) {
        if (auto e = fieldResult.error()) [[unlikely]]
            return r.fail(e, r.here());
        od::field &f = fieldResult.value_unsafe();
        const char *raw = f.key().raw();
        od::value &v = f.value();
        Field which = classifyRaw(raw);
        if (which == Field::Unknown) [[unlikely]]
            which = r.fieldOfEscaped(raw, f);
        switch (which) {
        case Field::Value:
            if (v.get_double().get(p->value) != simdjson::SUCCESS && !r.readDouble(v, &p->value))
                return false;
            break;
        case Field::Timestamp: {
            std::int64_t i = 0;
            if (const char *at = tokenOf(v); at && plainInt64(at, &i)) [[likely]]
                p->timestamp = i;
            else if (!r.readInt64(v, &p->timestamp, "timestamp"))
                return false;
            break;
        }
        case Field::Step: {
            std::int64_t i = 0;
            if (const char *at = tokenOf(v); at && plainInt64(at, &i)) [[likely]]
                p->step = i;
            else if (!r.readInt64(v, &p->step, "step"))
                return false;
            break;
        }
        case Field::Key:
            if (!r.locateString(v, &p->key, "key"))
                return false;
            break;
        case Field::RunId:
            if (wantRunId) {
                if (!r.locateString(v, &p->runId, "run_id"))
                    return false;
                break;
            }
            [[fallthrough]];
        default:
            if (!r.skip(v, 3))
                return false;
            break;
        }
    }
    return true;
}

// Walks {"metrics": [...], "next_page_token": ...}, handing each point to `sink` (which returns
// false after reporting an error through the reader).
template <typename Sink>
bool readDocument(Reader &r, od::document &doc, bool wantRunId, std::string *nextPageToken, Sink &&sink)
{
    od::object root;
    if (auto e = doc.get_object().get(root)) {
        if (e == simdjson::INCORRECT_TYPE)
            return r.shape(tr("the response is not a JSON object"), nullptr);
        return r.fail(e, r.locate(doc));
    }
    for (auto fieldResult : root) {
        od::field f;
        if (auto e = std::move(fieldResult).get(f))
            return r.fail(e, r.here());
        od::value &v = f.value();
        const Field which = r.fieldOf(f);
        if (which == Field::NextPageToken && nextPageToken) {
            std::string_view token;
            bool present = false;
            if (!r.readString(v, &token, &present, "next_page_token"))
                return false;
            nextPageToken->assign(token.data(), token.size());
            continue;
        }
        if (which != Field::Metrics) {
            if (!r.skip(v, 1))
                return false;
            continue;
        }
        od::json_type type;
        if (auto e = v.type().get(type))
            return r.fail(e, r.locate(v));
        if (type == od::json_type::null)
            continue; // an empty repeated field
        if (type != od::json_type::array)
            return r.shape(tr("'metrics' is not a list"), r.locate(v), QStringLiteral("metrics"));
        od::array arr;
        if (auto e = v.get_array().get(arr))
            return r.fail(e, r.locate(v));
        for (auto elementResult : arr) {
            if (auto e = elementResult.error()) [[unlikely]]
                return r.fail(e, r.here());
            Point p;
            if (!readPoint(r, elementResult.value_unsafe(), &p, wantRunId) || !sink(p)) [[unlikely]]
                return false;
        }
    }
    // On Demand stops after the root object; a proxy that appends to a body, or two bodies run
    // together, would otherwise pass.
    const char *rest = nullptr;
    if (doc.current_location().get(rest) == simdjson::SUCCESS)
        return r.shape(tr("more follows the end of the response"), rest);
    return true;
}

// Parses `json` with this thread's parser; on invalid UTF-8 repairs it (U+FFFD, as
// MlflowJson::parse does) and parses again, so a bad byte in a metric key loses nothing else.
template <typename Body> bool parseWith(QByteArrayView json, Error *error, Body &&body)
{
    ThreadState &ts = threadState();
    QByteArray repaired;
    for (int attempt = 0; attempt < 2; ++attempt) {
        const char *buf = ts.pad(json.data(), std::size_t(json.size()));
        Reader r(buf, std::size_t(json.size()));
        od::document doc;
        simdjson::error_code e =
            ts.parser
                .iterate(buf, std::size_t(json.size()), std::size_t(json.size()) + simdjson::SIMDJSON_PADDING)
                .get(doc);
        r.setDocument(&doc);
        if (e == simdjson::UTF8_ERROR && attempt == 0) {
            repaired = QString::fromUtf8(json).toUtf8();
            json = repaired;
            continue;
        }
        const bool ok = e == simdjson::SUCCESS ? body(r, doc) : r.fail(e, nullptr);
        if (!ok)
            *error = r.error();
        return ok;
    }
    *error = makeError(tr("The metric history is not valid UTF-8."), QStringLiteral("INVALID_JSON"));
    return false;
}

} // namespace

Result<MetricHistoryParser::Page> MetricHistoryParser::parseHistory(QByteArrayView json, MetricSeries *out,
                                                                    const QString &key)
{
    Q_ASSERT(out);
    ThreadState &ts = threadState();
    const QByteArray wanted = key.toUtf8();
    const std::string_view wantedKey(wanted.constData(), std::size_t(wanted.size()));
    std::string token;
    Error error;
    const std::size_t inputSize = std::size_t(json.size());
    ts.begin(inputSize);
    // A rough guess (MLflow writes ~70-90 bytes a point) spares most regrowth of the scratch.
    ts.steps.reserve(inputSize / 80);
    ts.timestamps.reserve(inputSize / 80);
    ts.values.reserve(inputSize / 80);

    const bool ok = parseWith(json, &error, [&](Reader &r, od::document &doc) {
        return readDocument(r, doc, false, &token, [&](const Point &p) {
            if (!wantedKey.empty() && p.key && !sameString(p.key, wantedKey)) {
                std::string got;
                decodeString(p.key, &got);
                return r.shape(tr("a point of metric '%1' is in the history of '%2'")
                                   .arg(QString::fromStdString(got), key),
                               p.key, QStringLiteral("key"));
            }
            ts.steps.push_back(p.step);
            ts.timestamps.push_back(p.timestamp);
            ts.values.push_back(p.value);
            return true;
        });
    });
    if (!ok)
        return error;
    Page page;
    page.points = qint64(ts.values.size());
    page.nextPageToken = QString::fromUtf8(token.data(), qsizetype(token.size()));
    if (out->isEmpty())
        out->reserve(ts.values.size());
    out->append(ts.steps.span(), ts.timestamps.span(), ts.values.span());
    return page;
}

Result<qint64> MetricHistoryParser::parseBulkInterval(QByteArrayView json,
                                                      QHash<QString, std::shared_ptr<MetricSeries>> *out)
{
    Q_ASSERT(out);
    // Per run, in the order runs first appear; MLflow sends each run's points together, so the
    // last group is almost always the one a point belongs to.
    struct Group
    {
        std::string runId;
        std::vector<qint64> steps;
        std::vector<qint64> timestamps;
        std::vector<double> values;
    };
    threadState().begin(std::size_t(json.size()));
    std::vector<Group> groups;
    std::string firstKey;
    bool haveKey = false;
    Error error;

    const bool ok = parseWith(json, &error, [&](Reader &r, od::document &doc) {
        groups.clear();
        haveKey = false;
        return readDocument(r, doc, true, nullptr, [&](const Point &p) {
            if (p.key) {
                if (!haveKey) {
                    if (!decodeString(p.key, &firstKey))
                        return r.shape(tr("a metric key is not a valid string"), p.key,
                                       QStringLiteral("key"));
                    haveKey = true;
                } else if (!sameString(p.key, firstKey)) {
                    // one request asks for one metric; mixing two into one series would be wrong
                    std::string other;
                    decodeString(p.key, &other);
                    return r.shape(tr("the response mixes metrics '%1' and '%2'")
                                       .arg(QString::fromStdString(firstKey), QString::fromStdString(other)),
                                   p.key, QStringLiteral("key"));
                }
            }
            if (!p.runId || p.runId[1] == '"')
                return r.shape(tr("a metric has no run_id"), r.here(), QStringLiteral("run_id"));
            Group *g = nullptr;
            if (!groups.empty() && sameString(p.runId, groups.back().runId)) {
                g = &groups.back();
            } else {
                std::string runId;
                if (!decodeString(p.runId, &runId))
                    return r.shape(tr("a run_id is not a valid string"), p.runId, QStringLiteral("run_id"));
                for (Group &candidate : groups)
                    if (candidate.runId == runId)
                        g = &candidate;
                if (!g) {
                    groups.push_back(Group{std::move(runId), {}, {}, {}});
                    g = &groups.back();
                }
            }
            g->steps.push_back(p.step);
            g->timestamps.push_back(p.timestamp);
            g->values.push_back(p.value);
            return true;
        });
    });
    if (!ok)
        return error;

    qint64 total = 0;
    for (const Group &g : groups) {
        const QString runId = QString::fromUtf8(g.runId.data(), qsizetype(g.runId.size()));
        std::shared_ptr<MetricSeries> &series = (*out)[runId];
        if (!series)
            series = std::make_shared<MetricSeries>();
        series->append(g.steps, g.timestamps, g.values);
        total += qint64(g.values.size());
    }
    return total;
}

} // namespace lab
