"""Array queries: every per-element query is one call of its C batch (_n)
form, with no Python loop: checked against the scalar C function element
by element, for shapes, broadcasting and out=. (Its speed against the
bare C call is a benchmark's, bench/python_bench.py, never a test's.)"""
import numpy as np
import pytest

import careerlib
from careerlib._library import ffi, load

# (method, its scalar C function, argument names, sample arguments, result type)
ONE = [
    ("market_quantile", "career_market_quantile", np.linspace(0.01, 0.99, 23)),
    ("market_percentile", "career_market_percentile", np.linspace(40000, 300000, 23)),
    ("mixture_percentile", "career_mixture_percentile", np.linspace(40000, 300000, 23)),
    ("tier_progress", "career_tier_progress", np.linspace(0, 40, 23)),
    ("salary_growth_rate", "career_salary_growth_rate", np.linspace(0, 40, 23)),
    ("years_to_salary", "career_years_to_salary", np.linspace(90000, 160000, 23)),
    ("salary_at", "career_salary_at", np.linspace(0, 40, 23)),
]
TWO = [
    ("quantile_at", "career_quantile_at", np.linspace(0, 30, 7), np.linspace(0.05, 0.95, 5)),
    ("percentile_at", "career_percentile_at", np.linspace(0, 30, 7), np.linspace(8e4, 2e5, 5)),
    ("compa_ratio", "career_compa_ratio", np.linspace(0, 30, 7), np.linspace(8e4, 2e5, 5)),
    ("range_penetration", "career_range_penetration", np.linspace(0, 30, 7),
     np.linspace(8e4, 2e5, 5)),
]


@pytest.fixture(scope="module")
def model():
    return careerlib.Model()


def scalar_c(model, cname, *args, ctype="double *"):
    """The scalar C function on each element, in a Python loop."""
    fn = getattr(load(), cname)
    arrays = np.broadcast_arrays(*[np.asarray(a, dtype=float) for a in args])
    out = np.empty(arrays[0].shape, dtype=float)
    res = ffi.new(ctype)
    for idx in np.ndindex(out.shape):
        assert fn(model._ptr, *[float(a[idx]) for a in arrays], res) == 0
        out[idx] = res[0]
    return out


@pytest.mark.parametrize("name, cname, x", ONE, ids=[c[0] for c in ONE])
def test_one_argument_queries_equal_the_scalar_c(model, name, cname, x):
    method = getattr(model, name)
    want = scalar_c(model, cname, x)
    np.testing.assert_array_equal(method(x), want)  # bit for bit
    got = method(x.reshape(23, 1))
    assert got.shape == (23, 1)
    np.testing.assert_array_equal(got.reshape(-1), want)
    r = method(x[3])
    assert isinstance(r, np.float64) and r == want[3]  # scalar in, scalar out
    assert method(float(x[3])) == want[3]
    out = np.full(23, -1.0)
    assert method(x, out=out) is out
    np.testing.assert_array_equal(out, want)
    assert method(np.array([])).shape == (0,)
    strided = np.repeat(x, 2)[::2]
    assert not strided.flags.c_contiguous
    np.testing.assert_array_equal(method(strided), want)
    np.testing.assert_array_equal(method(x.tolist()), want)


@pytest.mark.parametrize("name, cname, a, b", TWO, ids=[c[0] for c in TWO])
def test_two_argument_queries_broadcast_and_equal_the_scalar_c(model, name, cname, a, b):
    method = getattr(model, name)
    want = scalar_c(model, cname, a[:, None], b[None, :])
    got = method(a[:, None], b)
    assert got.shape == (7, 5)
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(method(a[2], b), want[2])
    np.testing.assert_array_equal(method(a, b[1]), want[:, 1])
    r = method(a[2], b[1])
    assert isinstance(r, np.float64) and r == want[2, 1]
    out = np.empty((7, 5))
    assert method(a[:, None], b[None, :], out=out) is out
    np.testing.assert_array_equal(out, want)
    with pytest.raises(ValueError, match=f"^{name}: the shapes do not broadcast"):
        method(a, b)
    with pytest.raises(TypeError, match="out must be"):
        method(a[:, None], b, out=np.empty((5, 7)))


def test_tier_at_is_intp_and_equals_the_scalar_c(model):
    y = np.linspace(0, 40, 81)
    want = scalar_c(model, "career_tier_at", y, ctype="size_t *")
    got = model.tier_at(y)
    assert got.dtype == np.intp
    np.testing.assert_array_equal(got, want)
    assert isinstance(model.tier_at(8.0), np.integer) and model.tier_at(8.0) == 2
    out = np.empty(81, dtype=np.intp)
    assert model.tier_at(y, out=out) is out
    np.testing.assert_array_equal(out, want)
    with pytest.raises(TypeError, match="intp"):
        model.tier_at(y, out=np.empty(81))


def test_next_tier_agrees_with_the_c_function(model):
    y = np.linspace(0, 11.9, 40)
    idx, until = model.next_tier(y)
    fn = load().career_next_tier
    ni, left = ffi.new("size_t *"), ffi.new("double *")
    for k, x in enumerate(y):
        assert fn(model._ptr, float(x), ni, left) == 0
        assert idx[k] == ni[0] and until[k] == left[0]
    with pytest.raises(careerlib.NotFoundError, match=r"^next_tier: years\[2\] = 13.0 is in the last tier"):
        model.next_tier([1.0, 2.0, 13.0])
    with pytest.raises(careerlib.ArgumentError, match=r"years\[1\] = nan"):
        model.next_tier([1.0, np.nan])


@pytest.mark.parametrize("name, bad, index", [
    ("market_quantile", [0.5, 0.2, 1.5, 0.3], "p[2] = 1.5"),
    ("market_percentile", [1e5, -5.0], "salary[1] = -5.0"),
    ("years_to_salary", [1e5, 1e5, 1e9], "salary[2] = 1000000000.0"),
    ("tier_at", [[1.0, 2.0], [np.nan, 1.0]], "years[1, 0] = nan"),
    ("tier_progress", [1.0, -1.0], "years[1] = -1.0"),
    ("salary_growth_rate", [np.inf], "years[0] = inf"),
    ("mixture_percentile", [1e5, 0.0], "salary[1] = 0.0"),
])
def test_a_bad_element_is_named(model, name, bad, index):
    with pytest.raises(careerlib.CareerError) as e:
        getattr(model, name)(bad)
    assert str(e.value).startswith(f"{name}: {index}")


def test_a_bad_pair_names_both(model):
    with pytest.raises(careerlib.DomainError, match=r"^compa_ratio: years\[1\] = 5.0, salary\[1\] = -1.0"):
        model.compa_ratio(5, [1e5, -1.0])
    with pytest.raises(careerlib.DomainError, match=r"^quantile_at: years\[0, 1\] = 5.0, p\[0, 1\] = 2.0"):
        model.quantile_at([[5.0, 5.0]], [[0.5, 2.0]])
