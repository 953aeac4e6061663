#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace lab {

// An expected failure, carried as a value (STYLE.md): what went wrong in words, what the
// server said, and what the user can do about it. Never holds a secret.
struct Error
{
    QString message;      // one sentence for the user, already translated where it comes from UI-facing code
    QString code;         // machine code: an MLflow error_code, a Kubernetes reason, or our own (e.g. "CORRUPT_FILE")
    int httpStatus = 0;   // 0 when no HTTP was involved
    QString hint;         // what to do next, may be empty
    QString detail;       // technical detail (path, byte offset, first bytes of a body); secrets redacted

    QString toString() const
    {
        QString s = message;
        if (!detail.isEmpty())
            s += QStringLiteral(" (") + detail + QLatin1Char(')');
        if (!hint.isEmpty())
            s += QStringLiteral(" ") + hint;
        return s;
    }
};

// A small expected-like result (std::expected is C++23). Result<void> is spelled Status.
template <typename T>
class Result
{
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_v); }
    T &value() & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const Error &error() const { return std::get<1>(m_v); }

    T valueOr(T fallback) const { return ok() ? value() : std::move(fallback); }

private:
    std::variant<T, Error> m_v;
};

class Status
{
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) {}
    static Status success() { return {}; }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

inline Error makeError(QString message, QString code = {}, QString detail = {})
{
    Error e;
    e.message = std::move(message);
    e.code = std::move(code);
    e.detail = std::move(detail);
    return e;
}

} // namespace lab
