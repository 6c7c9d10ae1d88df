#!/usr/bin/env bash
# The packages as someone who installs them gets them: packs HybridRec.Data, .Kernels, .Model and .Serving into a
# temporary folder feed under a unique version, checks what each package holds (README, XML docs, symbols package,
# licence expression, repository), then restores, builds and runs the samples from a copy outside the repository
# against those packages BY VERSION: ConsoleApp trains on the first ratings of the bundled MovieLens release and
# recommends (CPU only, no GPU driver needed); WebApp serves the model it wrote and answers requests.
# Run by .ci/run; about 2-3 minutes on 2 cores. Leaves nothing behind (temp folder, the version's NuGet cache entries).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work="$(mktemp -d "${TMPDIR:-/tmp}/hybridrec-packages.XXXXXX")"
version="0.1.0-check.$(date +%s).$$"      # never a stale copy of the same version in the NuGet cache
packages_dir="$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')"
libraries=(HybridRec.Data HybridRec.Kernels HybridRec.Model HybridRec.Serving)
web_pid=""
cleanup() {
  if [[ -n "$web_pid" ]] && kill -0 "$web_pid" 2>/dev/null; then kill "$web_pid"; wait "$web_pid" 2>/dev/null || true; fi
  rm -rf "$work"
  for p in "${libraries[@]}"; do rm -rf "$packages_dir/${p,,}/$version"; done
}
trap cleanup EXIT
fail() { echo "check-packages: FAILED: $*" >&2; exit 1; }
start=$SECONDS

echo "check-packages: packing ${libraries[*]} as $version into $work/feed"
for p in "${libraries[@]}"; do
  dotnet pack "$root/$p/$p.csproj" -c Release -o "$work/feed" -p:Version="$version" -p:ContinuousIntegrationBuild=true --nologo -v quiet > "$work/pack-$p.log" 2>&1 \
    || { cat "$work/pack-$p.log"; fail "dotnet pack $p"; }
done

for p in "${libraries[@]}"; do
  nupkg="$work/feed/$p.$version.nupkg"
  [[ -f "$nupkg" ]] || fail "$nupkg is missing"
  [[ -f "$work/feed/$p.$version.snupkg" ]] || fail "the symbols package $p.$version.snupkg is missing"
  files="$(unzip -Z1 "$nupkg")"
  for f in README.md "lib/net10.0/$p.dll" "lib/net10.0/$p.xml"; do
    grep -qx "$f" <<< "$files" || fail "$p: $f is not in the package"
  done
  symbols="$(unzip -Z1 "$work/feed/$p.$version.snupkg")"   # (not piped into grep -q: pipefail would see unzip's SIGPIPE)
  grep -qx "lib/net10.0/$p.pdb" <<< "$symbols" || fail "$p: no pdb in the symbols package"
  nuspec="$(unzip -p "$nupkg" "$p.nuspec")"
  grep -q '<license type="expression">MIT</license>' <<< "$nuspec" || fail "$p: no licence expression"
  grep -q '<readme>README.md</readme>' <<< "$nuspec" || fail "$p: no readme in the nuspec"
  grep -q '<repository type="git" url="https://github.com/hybridrec/hybridrec"' <<< "$nuspec" || fail "$p: no repository metadata"
  grep -q '<description>' <<< "$nuspec" || fail "$p: no description"
  echo "  $p.$version.nupkg: $(grep -c . <<< "$files") files, README, XML docs, symbols, MIT, repository $(grep -o 'commit="[0-9a-f]\{7\}' <<< "$nuspec" | cut -d'"' -f2 || echo '(no commit)')"
done

# The samples, copied out of the repository so no repository build setting applies; sources: the feed and nuget.org.
cp -r "$root/samples" "$work/samples"
rm -rf "$work"/samples/*/bin "$work"/samples/*/obj
cat > "$work/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="hybridrec-check" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
for s in ConsoleApp WebApp; do
  dotnet restore "$work/samples/$s" --configfile "$work/NuGet.config" -p:HybridRecVersion="$version" -v quiet > "$work/restore-$s.log" 2>&1 \
    || { cat "$work/restore-$s.log"; fail "restore $s"; }
  grep -q "\"HybridRec.Model/$version\"" "$work/samples/$s/obj/project.assets.json" || fail "$s did not restore HybridRec.Model $version from the feed"
  dotnet build "$work/samples/$s" -c Release --no-restore -p:HybridRecVersion="$version" -v quiet -nologo > "$work/build-$s.log" 2>&1 \
    || { cat "$work/build-$s.log"; fail "build $s"; }
done
if grep -rq "ProjectReference" "$work/samples"/*/*.csproj; then fail "a sample references a project, not a package"; fi

echo "check-packages: ConsoleApp (trains on the first 20,000 ratings of the bundled ml-latest-small)"
model="$work/model.hrec"
dotnet "$work/samples/ConsoleApp/bin/Release/net10.0/ConsoleApp.dll" "$root/data/ml-latest-small.zip" "$model" 20000 | tee "$work/console.log"
grep -q "^top 3 for user" "$work/console.log" || fail "ConsoleApp printed no recommendations"
[[ "$(grep -c '^  .*stars$' "$work/console.log")" == 3 ]] || fail "ConsoleApp did not print 3 recommendations"
grep -q "^new user from 3 ratings: " "$work/console.log" || fail "ConsoleApp did not fold in a new user"
[[ -f "$model" ]] || fail "ConsoleApp wrote no model"

echo "check-packages: WebApp (serves that model)"
( cd "$work/samples/WebApp" && exec dotnet bin/Release/net10.0/WebApp.dll --HybridRec:ModelPath "$model" --urls http://127.0.0.1:0 ) > "$work/web.log" 2>&1 &
web_pid=$!
url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'Now listening on: http://127.0.0.1:[0-9]*' "$work/web.log" | head -1 | sed 's/Now listening on: //' || true)"
  [[ -n "$url" ]] && break
  kill -0 "$web_pid" 2>/dev/null || { cat "$work/web.log"; fail "WebApp exited"; }
  sleep 0.1
done
[[ -n "$url" ]] || { cat "$work/web.log"; fail "WebApp did not start listening"; }
ready=""
for _ in $(seq 1 100); do
  if curl -fsS "$url/health/ready" > /dev/null 2>&1; then ready=yes; break; fi
  sleep 0.1
done
[[ -n "$ready" ]] || { cat "$work/web.log"; fail "WebApp did not become ready"; }
user="$(grep -o '^top 3 for user [0-9]*' "$work/console.log" | grep -o '[0-9]*$')"
recs="$(curl -fsS "$url/users/$user/recommendations?count=3")"
echo "  GET /users/$user/recommendations?count=3 -> $recs"
[[ "$(grep -o '"movieId"' <<< "$recs" | wc -l)" == 3 ]] || fail "GET recommendations did not return 3 movies"
status="$(curl -s -o "$work/404.json" -w '%{http_code}' "$url/users/999999999/recommendations")"
[[ "$status" == 404 ]] && grep -q '"status":404' "$work/404.json" || fail "an unknown user did not give a 404 problem ($status)"
[[ "$recs" =~ \"movieId\":([0-9]+) ]] || fail "no movie id in $recs"
first="${BASH_REMATCH[1]}"
cold="$(curl -sS -w '\n%{http_code}' -H 'Content-Type: application/json' -d "{\"ratings\":[{\"movieId\":$first,\"rating\":5}],\"count\":3}" "$url/recommendations")"
[[ "$(tail -1 <<< "$cold")" == 200 ]] || fail "POST recommendations: $cold"
cold="$(head -1 <<< "$cold")"
echo "  POST /recommendations (movie $first rated 5) -> $cold"
[[ "$(grep -o '"movieId"' <<< "$cold" | wc -l)" == 3 ]] || fail "POST recommendations did not return 3 movies"
grep -q "\"movieId\":$first," <<< "$cold" && fail "POST recommendations returned the rated movie"
kill "$web_pid"; wait "$web_pid" 2>/dev/null || true; web_pid=""

echo "check-packages: passed in $((SECONDS - start)) s"
