-- cookie.lua: wrk script that sends the session cookie from $BENCH_COOKIE with every request.
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
