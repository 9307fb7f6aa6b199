/** The fields and channels pages: trends over a choice of ranges, province-wide, each chart beside its table of numbers. */
import type { Channel, Field } from "../../../schemas/index.ts";
import { barChart } from "../chart.ts";
import { type Highlight, highlight, type ViewContext } from "./common.ts";
import { byChannel, byField, byOrganisation, type Group, type RangeTrend, rangeTrends, trend, trendRanges } from "./trends.ts";

export interface FieldsIndexView {
  /** The total per month over the last twelve months. */
  chart: string;
  fields: RangeTrend[];
  channels: RangeTrend[];
}

export function fieldsIndexView(context: ViewContext): FieldsIndexView {
  const { model, today } = context;
  const observations = [...model.observations.values()];
  const ranges = trendRanges(model, today);
  const months = trend(model, observations, ranges[0]?.periods ?? [], []);
  return {
    chart: barChart(
      months.columns.map((label, index) => ({ label, value: months.totals[index] ?? 0 })),
      { title: "Số thông tin nắm được mỗi tháng", xLabel: "Tháng", yLabel: "Số thông tin" },
    ),
    fields: rangeTrends(model, observations, ranges, byField(model), { what: "Số thông tin theo lĩnh vực" }),
    channels: rangeTrends(
      model,
      observations,
      ranges,
      byChannel(model).map((group) => ({ ...group, href: `/kenh/${group.id}/` })),
      { what: "Số thông tin theo kênh" },
    ),
  };
}

export interface FieldView {
  field: Field;
  trends: RangeTrend[];
  byOrganisation: RangeTrend[];
  heading: string;
  recent: Highlight[];
}

const subtopicGroups = (field: Field): Group[] =>
  field.subtopics.map((subtopic) => ({ id: subtopic.id, label: subtopic.label, test: (entry) => entry.subtopics.includes(subtopic.id) }));

export function fieldView(context: ViewContext, fieldId: string): FieldView {
  const { model, today } = context;
  const field = model.fields.find((candidate) => candidate.id === fieldId);
  if (!field) throw new Error(`unknown field ${fieldId}`);
  const inField = [...model.observations.values()].filter((entry) => entry.field === field.id);
  const ranges = trendRanges(model, today);
  return {
    field,
    trends: rangeTrends(model, inField, ranges, subtopicGroups(field), { what: `${field.label}: số thông tin`, total: true }),
    byOrganisation: rangeTrends(model, inField, ranges, byOrganisation(model), { what: `${field.label}: số thông tin theo tổ chức` }),
    heading: field.subtopics.length > 0 ? "Tiểu mục" : "Lĩnh vực",
    recent: [...inField]
      .sort((a, b) => b.observed_on.localeCompare(a.observed_on))
      .slice(0, 20)
      .map((entry) => highlight(model, entry)),
  };
}

export interface ChannelView {
  channel: Channel;
  byField: RangeTrend[];
  byOrganisation: RangeTrend[];
  recent: Highlight[];
}

export function channelView(context: ViewContext, channelId: string): ChannelView {
  const { model, today } = context;
  const channel = model.channels.find((candidate) => candidate.id === channelId);
  if (!channel) throw new Error(`unknown channel ${channelId}`);
  const inChannel = [...model.observations.values()].filter((entry) => entry.channel === channel.id);
  const ranges = trendRanges(model, today);
  return {
    channel,
    byField: rangeTrends(model, inChannel, ranges, byField(model), { what: `${channel.label}: số thông tin theo lĩnh vực`, total: true }),
    byOrganisation: rangeTrends(model, inChannel, ranges, byOrganisation(model), { what: `${channel.label}: số thông tin theo tổ chức` }),
    recent: [...inChannel]
      .sort((a, b) => b.observed_on.localeCompare(a.observed_on))
      .slice(0, 20)
      .map((entry) => highlight(model, entry)),
  };
}
