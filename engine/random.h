// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace Sagascope {

/** SplitMix64: derives well-spread seeds from (seed, index) pairs. */
inline quint64 splitMix64(quint64 &state)
{
    quint64 z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/**
 * A small, fast, seeded PRNG (xoshiro256**), 32 bytes of state, so that 100,000 instances in
 * flight each keep their own stream. Same seed, same numbers, on every platform (no
 * implementation-defined std distributions are used).
 */
class Random
{
public:
    Random() : Random(0) {}
    explicit Random(quint64 seed)
    {
        quint64 sm = seed;
        for (quint64 &word : m_s)
            word = splitMix64(sm);
    }
    /** The stream of item `index` under `seed`: independent of every other index. */
    static Random forIndex(quint64 seed, quint64 index, quint64 salt = 0)
    {
        quint64 sm = seed ^ (index * 0xd1b54a32d192ed03ULL) ^ (salt * 0x8cb92ba72f3d8dd7ULL);
        return Random(splitMix64(sm));
    }

    quint64 next()
    {
        const quint64 result = rotl(m_s[1] * 5, 7) * 9;
        const quint64 t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    /** Uniform in [0, 1). */
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    /** Uniform integer in [lo, hi] (inclusive); lo when hi <= lo. */
    qint64 between(qint64 lo, qint64 hi)
    {
        if (hi <= lo)
            return lo;
        const quint64 span = quint64(hi - lo) + 1;
        return lo + qint64(next() % span);
    }

private:
    static quint64 rotl(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }
    quint64 m_s[4];
};

} // namespace Sagascope
