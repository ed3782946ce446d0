package market.product.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import market.product.domain.Region;
import market.product.domain.RegionRange;
import market.product.storage.RegionStore;

/**
 * The 3,524 행정동, held in memory (a few hundred KB; they change only with a migration): search by name, the nearest
 * to a position, and each 동's neighbours within a range. Neighbour lists are computed from the points on first use
 * (one pass over all regions, ~0.1 ms) and kept, so a feed request turns its range into a list of codes without
 * touching the database.
 */
@ApplicationScoped
public class Regions {

    /** A region and how far it is from where the question was asked. */
    public record Near(Region region, double meters) {}

    private record Loaded(List<Region> byCode, Map<String, Region> index, Map<String, List<Region>> byDong) {}

    private final RegionStore store;
    private volatile Loaded loaded;
    /** Code → every region within the widest range, nearest first (the region itself first, at 0 m). */
    private final Map<String, List<Near>> neighbours = new ConcurrentHashMap<>();

    public Regions(RegionStore store) {
        this.store = store;
    }

    private Loaded loaded() {
        Loaded l = loaded;
        if (l == null) {
            synchronized (this) {
                l = loaded;
                if (l == null) {
                    List<Region> all = List.copyOf(store.all());
                    Map<String, Region> index = new HashMap<>();
                    Map<String, List<Region>> byDong = new HashMap<>();
                    for (Region r : all) {
                        index.put(r.code(), r);
                        if (!r.retired()) {
                            byDong.computeIfAbsent(r.dong(), k -> new ArrayList<>())
                                    .add(r);
                        }
                    }
                    l = loaded = new Loaded(all, Map.copyOf(index), Map.copyOf(byDong));
                }
            }
        }
        return l;
    }

    public Optional<Region> find(String code) {
        return Optional.ofNullable(code == null ? null : loaded().index().get(code));
    }

    /** The one current region with exactly this 동 name, if exactly one has it (역삼1동 yes; 중앙동 is in 20 cities). */
    public Optional<Region> uniqueByName(String dong) {
        List<Region> named = loaded().byDong().get(dong.strip());
        return named != null && named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    /**
     * Current regions whose "시도 시군구 동" contains every whitespace-separated word of {@code q} (so "역삼", "강남 역삼"
     * and "역삼1" all find 역삼1동): 동 names starting with the last word first (the one a user types the 동 in), then
     * the other 동 matches, then matches on the 시군구 or 시도 only; each group in code order.
     */
    public List<Region> search(String q, int limit) {
        String[] words = q.strip().toLowerCase(Locale.ROOT).split("\\s+");
        List<Region> hits = new ArrayList<>();
        for (Region r : loaded().byCode()) {
            if (r.retired()) {
                continue;
            }
            String name = r.fullName().toLowerCase(Locale.ROOT);
            if (Arrays.stream(words).allMatch(name::contains)) {
                hits.add(r);
            }
        }
        String last = words[words.length - 1];
        hits.sort(Comparator.comparingInt((Region r) -> rank(r, last)).thenComparing(Region::code));
        return hits.size() > limit ? hits.subList(0, limit) : hits;
    }

    private static int rank(Region r, String word) {
        String dong = r.dong().toLowerCase(Locale.ROOT);
        return dong.startsWith(word) ? 0 : dong.contains(word) ? 1 : 2;
    }

    /** The current regions nearest to a position, nearest first, no farther than {@code maxMeters}. */
    public List<Near> nearest(double lat, double lng, int limit, double maxMeters) {
        List<Near> all = new ArrayList<>();
        for (Region r : loaded().byCode()) {
            if (!r.retired()) {
                double m = r.metersTo(lat, lng);
                if (m <= maxMeters) {
                    all.add(new Near(r, m));
                }
            }
        }
        all.sort(Comparator.comparingDouble(Near::meters));
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
    }

    /**
     * The codes a range step reaches from a region, the region itself first: step 0 is only the region; steps 1..3
     * add every region (retired ones too: their listings are still live) whose point is within that step's reach.
     */
    public String[] within(Region centre, int step) {
        int reach = RegionRange.meters(step);
        if (reach == 0) {
            return new String[] {centre.code()};
        }
        return neighbours(centre).stream()
                .filter(n -> n.meters() <= reach)
                .map(n -> n.region().code())
                .toArray(String[]::new);
    }

    /** Whether range {@code step} from region {@code from} reaches region {@code to} (false if either is unknown). */
    public boolean reaches(String from, int step, String to) {
        if (from == null || to == null) {
            return false;
        }
        if (from.equals(to)) {
            return true;
        }
        Optional<Region> a = find(from);
        Optional<Region> b = find(to);
        return step > 0 && a.isPresent() && b.isPresent() && a.get().metersTo(b.get()) <= RegionRange.meters(step);
    }

    /** Every region within the widest range of {@code centre}, nearest first (itself first). */
    public List<Near> neighbours(Region centre) {
        return neighbours.computeIfAbsent(centre.code(), c -> {
            List<Near> near = new ArrayList<>();
            for (Region r : loaded().byCode()) {
                double m = r.code().equals(c) ? 0 : centre.metersTo(r);
                if (m <= RegionRange.maxMeters()) {
                    near.add(new Near(r, m));
                }
            }
            near.sort(Comparator.comparingDouble(Near::meters)
                    .thenComparing(n -> n.region().code()));
            return List.copyOf(near);
        });
    }
}
