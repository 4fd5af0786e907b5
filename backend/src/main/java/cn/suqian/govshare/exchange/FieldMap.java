package cn.suqian.govshare.exchange;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The fields of one ingested record by name, in the order they were read: an open-addressing table over two arrays,
 * no object per entry. Ingest reads millions of records of about thirty fields each; a {@code LinkedHashMap} per
 * record was the largest single source of garbage there. Names are never null; {@code remove} is not supported.
 */
final class FieldMap<V> extends AbstractMap<String, V> {

    private String[] keys;
    private Object[] values;
    private int[] order; // slots in insertion order
    private int size;

    /** Room for 48 fields before growing (an op-monitoring record has about 30). */
    FieldMap() {
        this(36);
    }

    /** Room for {@code expected} fields before the table grows (a power of two at least 4/3 of it is taken). */
    FieldMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 4 / 3) - 1) << 1;
        keys = new String[capacity];
        values = new Object[capacity];
        order = new int[capacity];
    }

    private int slot(Object key) {
        int mask = keys.length - 1;
        int h = key.hashCode();
        int i = (h ^ (h >>> 16)) & mask;
        while (keys[i] != null && keys[i] != key && !keys[i].equals(key)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        if (!(key instanceof String)) {
            return null;
        }
        return (V) values[slot(key)];
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String && keys[slot(key)] != null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V put(String key, V value) {
        if (key == null) {
            throw new NullPointerException("a field has a name");
        }
        int i = slot(key);
        if (keys[i] != null) {
            V before = (V) values[i];
            values[i] = value;
            return before;
        }
        if ((size + 1) * 4 > keys.length * 3) {
            grow();
            i = slot(key);
        }
        keys[i] = key;
        values[i] = value;
        order[size++] = i;
        return null;
    }

    private void grow() {
        String[] oldKeys = keys;
        Object[] oldValues = values;
        int[] oldOrder = order;
        int n = size;
        keys = new String[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        order = new int[oldKeys.length * 2];
        size = 0;
        for (int k = 0; k < n; k++) {
            int from = oldOrder[k];
            int to = slot(oldKeys[from]);
            keys[to] = oldKeys[from];
            values[to] = oldValues[from];
            order[size++] = to;
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, V>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public Entry<String, V> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = order[next++];
                        return new SimpleImmutableEntry<>(keys[i], (V) values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
