package cn.suqian.govshare.exchange;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The fields of one ingested record by name, in the order they were read. The names are numbered once per batch
 * ({@link Names}, shared by the batch's records: they nearly all have the same thirty fields), so a record holds only
 * its values by number and the order it gave them in — no table of names and no object per entry. Ingest reads millions
 * of records; a {@code LinkedHashMap} per record was the largest single source of garbage there, and a table of names
 * per record (two of them: the fields and their tokens) the next. Names are never null; {@code remove} is not supported.
 *
 * <p>A batch numbers at most {@link Names#MOST} distinct names; a field under a name first seen after that is not kept
 * (an X-Road record has about fifty fields, and no parser reads a name it does not know). Without the bound a body that
 * invents new names record after record made every record's map as large as all the names seen before it: quadratic
 * memory, 5 GB held for a 4.7 MB body of 1,000 records of 400 new names each.
 */
final class FieldMap<V> extends AbstractMap<String, V> {

    /** Field names numbered in the order first seen: an open-addressing table, shared by the records of one batch. */
    static final class Names {
        /** The most distinct names a batch numbers. */
        static final int MOST = 128;

        private String[] table = new String[64];
        private int[] numbers = new int[64];
        private String[] names = new String[32];
        private int size;

        private int slot(Object name) {
            int mask = table.length - 1;
            int h = name.hashCode();
            int i = (h ^ (h >>> 16)) & mask;
            while (table[i] != null && table[i] != name && !table[i].equals(name)) {
                i = (i + 1) & mask;
            }
            return i;
        }

        /** The number of a name, or -1 when no record of the batch has it. */
        int numberOf(Object name) {
            int i = slot(name);
            return table[i] == null ? -1 : numbers[i];
        }

        /** The number of a name, given one when it is new; -1 for a new one past {@link #MOST}. */
        int number(String name) {
            int i = slot(name);
            if (table[i] != null) {
                return numbers[i];
            }
            if (size == MOST) {
                return -1;
            }
            if ((size + 1) * 4 > table.length * 3) {
                grow();
                i = slot(name);
            }
            table[i] = name;
            numbers[i] = size;
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
            }
            names[size] = name;
            return size++;
        }

        String name(int number) {
            return names[number];
        }

        int size() {
            return size;
        }

        private void grow() {
            String[] oldTable = table;
            int[] oldNumbers = numbers;
            table = new String[oldTable.length * 2];
            numbers = new int[oldTable.length * 2];
            for (int k = 0; k < oldTable.length; k++) {
                if (oldTable[k] != null) {
                    int i = slot(oldTable[k]);
                    table[i] = oldTable[k];
                    numbers[i] = oldNumbers[k];
                }
            }
        }
    }

    /** Stands for a null value given, so that a field given as null is still there. */
    private static final Object NULL = new Object();

    private final Names names;
    private Object[] values; // by the name's number; null: the record has no such field
    private int[] order;     // numbers in the order given
    private int size;

    /** A map of its own names (a record read alone), room for {@code expected} fields before growing. */
    FieldMap(int expected) {
        this(new Names(), expected);
    }

    /** A record's map whose names are numbered in {@code names}, shared with the other records of its batch. */
    FieldMap(Names names) {
        this(names, Math.max(8, names.size()));
    }

    private FieldMap(Names names, int expected) {
        this.names = names;
        values = new Object[Math.max(1, expected)];
        order = new int[Math.max(1, expected)];
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        Object v = stored(key);
        return v == NULL ? null : (V) v;
    }

    @Override
    public boolean containsKey(Object key) {
        return stored(key) != null;
    }

    private Object stored(Object key) {
        if (!(key instanceof String)) {
            return null;
        }
        int n = names.numberOf(key);
        return n < 0 || n >= values.length ? null : values[n];
    }

    @Override
    @SuppressWarnings("unchecked")
    public V put(String key, V value) {
        if (key == null) {
            throw new NullPointerException("a field has a name");
        }
        int n = names.number(key);
        if (n < 0) { // a name past the batch's bound: not kept
            return null;
        }
        if (n >= values.length) {
            values = Arrays.copyOf(values, Math.max(n + 1, values.length * 2));
        }
        Object before = values[n];
        values[n] = value == null ? NULL : value;
        if (before != null) {
            return before == NULL ? null : (V) before;
        }
        if (size == order.length) {
            order = Arrays.copyOf(order, size * 2);
        }
        order[size++] = n;
        return null;
    }

    @Override
    public int size() {
        return size;
    }

    /** The slots this map holds for values (the memory bound's measure). */
    int slots() {
        return values.length + order.length;
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
                        int n = order[next++];
                        Object v = values[n];
                        return new SimpleImmutableEntry<>(names.name(n), v == NULL ? null : (V) v);
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
